import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import type { z, ZodType } from "zod";
import { getDb, type Db } from "@/db";
import { zodFieldErrors, appErrorFromDb, isZodError } from "@/lib/api/problem";
import { publicActor, type Actor } from "@/lib/audit/actor";
import { actorFromUser } from "@/lib/auth/actor";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { AppError, type FieldError } from "@/lib/errors";
import { findNul } from "@/lib/validation";
import { actionStarted, badActionArguments, isActionInput } from "./request-state";

/** What a form's `useActionState` receives. `fieldErrors` maps a field path ("email", "lead.phone") to its message. */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };
/** The state before the first submission is null. */
export type ActionState<T> = ActionResult<T> | null;

export interface ActionContext<U> {
  db: Db;
  user: U;
  actor: Actor;
}

/**
 * A server action usable with `useActionState(action, null)` (`(prevState, formData)`) or called directly
 * as `action(null, { ...fields })`. FormData becomes an object (repeated names → arrays, empty strings →
 * absent, Next's `$ACTION_*` fields dropped) before the schema parses it.
 */
export type SafeAction<S extends ZodType, T> = (
  prev: ActionState<T>,
  input: FormData | z.input<S>,
) => Promise<ActionResult<T>>;

type Role = "ADMIN" | "PARTNER" | "PUBLIC";

function make<S extends ZodType, T, U>(
  role: Role,
  schema: S,
  fn: (input: z.output<S>, ctx: ActionContext<U>) => Promise<T>,
): SafeAction<S, T> {
  return async (_prev, input) => {
    actionStarted();
    if (!isActionInput(input)) {
      badActionArguments();
      return { ok: false, error: "This request was not sent by one of our forms." };
    }
    try {
      const user = role === "PUBLIC" ? null : await getSessionUser();
      if (role !== "PUBLIC") {
        if (!user) return { ok: false, error: "Your session has ended: sign in again." };
        if (user.role !== role || (role === "PARTNER" && !user.partnerId))
          return { ok: false, error: "You are not allowed to do this." };
      }
      const raw = input instanceof FormData ? formDataToObject(input) : input;
      const nulAt = findNul(raw);
      if (nulAt) return invalid([{ path: nulAt.join(".") || "form", message: "Must not contain NUL characters" }]);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return invalid(zodFieldErrors(parsed.error, "form"));
      const requestId = randomUUID();
      const actor = user ? actorFromUser(user, requestId) : publicActor(requestId);
      const data = await fn(parsed.data, { db: await getDb(), user: user as U, actor });
      return { ok: true, data };
    } catch (e) {
      unstable_rethrow(e); // redirect() and notFound() are control flow, not failures
      return failure(e);
    }
  };
}

function invalid(errors: FieldError[], message = "Please correct the highlighted fields."): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) fieldErrors[e.path] ??= e.message;
  return { ok: false, error: message, fieldErrors };
}

function failure(e: unknown): ActionResult<never> {
  if (e instanceof AppError) return e.errors.length ? invalid(e.errors, e.message) : { ok: false, error: e.message };
  if (isZodError(e)) return invalid(zodFieldErrors(e, "form"));
  const fromDb = appErrorFromDb(e);
  if (fromDb) return { ok: false, error: fromDb.message };
  console.error("[action] unhandled error", e);
  return { ok: false, error: "Something went wrong. Please try again." };
}

export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    if (typeof v === "string" && v === "") continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** An action only admins may run. */
export const adminAction = <S extends ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: ActionContext<SessionUser>) => Promise<T>,
) => make<S, T, SessionUser>("ADMIN", schema, fn);

/** An action only partners may run; `ctx.user.partnerId` is their own partner. */
export const partnerAction = <S extends ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: ActionContext<SessionUser & { partnerId: string }>) => Promise<T>,
) => make<S, T, SessionUser & { partnerId: string }>("PARTNER", schema, fn);

/** An action anyone may run (quote form, sign-up); `ctx.user` is null and the actor is the public visitor. */
export const publicAction = <S extends ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: ActionContext<null>) => Promise<T>,
) => make<S, T, null>("PUBLIC", schema, fn);
