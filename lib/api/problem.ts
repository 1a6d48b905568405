import type { ZodError } from "zod";
import { AppError, pgErrorCode, type FieldError } from "@/lib/errors";
import "@/lib/validation-messages"; // zod's messages in words, naming the field, for every parse

const PROBLEM_TYPE = "application/problem+json";

/** An RFC 9457 problem+json response for an AppError (with Retry-After for 429). */
export function problem(err: AppError, opts: { instance?: string; requestId?: string } = {}): Response {
  const headers = new Headers({ "content-type": PROBLEM_TYPE, "cache-control": "no-store" });
  if (opts.requestId) headers.set("x-request-id", opts.requestId);
  if (err.retryAfterSeconds !== undefined)
    headers.set("retry-after", String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
  return new Response(JSON.stringify(err.toProblem(opts.instance)), { status: err.status, headers });
}

const joinPath = (path: readonly PropertyKey[]) => path.map((p) => String(p)).join(".");

/** Every bad field of a zod error, as `{ path, message }` (unknown keys are named one by one). */
export function zodFieldErrors(e: ZodError, root = "body"): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of e.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) out.push({ path: joinPath([...issue.path, k]), message: "Unknown field" });
    } else {
      out.push({ path: joinPath(issue.path) || root, message: issue.message });
    }
  }
  return out;
}

export function zodToAppError(e: ZodError, root = "body"): AppError {
  const errors = zodFieldErrors(e, root);
  const detail =
    errors.length === 1 ? `${errors[0].path}: ${errors[0].message}` : `${errors.length} fields are invalid`;
  return new AppError("validation", detail, { errors });
}

export const isZodError = (e: unknown): e is ZodError =>
  !!e &&
  typeof e === "object" &&
  (e as { name?: string }).name === "ZodError" &&
  Array.isArray((e as { issues?: unknown }).issues);

/**
 * Safety net for database errors that input should never cause (schemas catch these first):
 * bad text representations and out-of-range numbers are the client's fault, duplicates are conflicts.
 */
export function appErrorFromDb(e: unknown): AppError | null {
  const code = pgErrorCode(e);
  if (!code) return null;
  if (code === "23505") return new AppError("conflict", "A record with these values already exists");
  if (code === "23503") return new AppError("conflict", "A referenced record does not exist or is still in use");
  if (code === "40001" || code === "40P01") return new AppError("conflict", "Concurrent update; retry the request");
  if (code.startsWith("22")) return new AppError("validation", "A value is out of range or malformed");
  return null;
}
