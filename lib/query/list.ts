import { z } from "zod";
import { AppError, type FieldError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/**
 * Shared list parsing for every list (API, portal, admin): the filter names of docs/api.md#lists, page bounds
 * (default 20, at most 100: larger is refused, not clamped), `sort` and opaque keyset cursors.
 */

export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
/** Deep offsets cost a scan; past this use the cursor. */
export const PAGE_MAX = 100_000;

/** A partner scope: when `partnerId` is set, only that partner's rows exist. */
export interface Scope {
  partnerId?: string;
}

export interface ListPagination {
  /** Null when the page was addressed by a cursor. */
  page: number | null;
  pageSize: number;
  /** Rows matching the filters (ignoring the cursor). */
  total: number;
  /** Pass as `cursor` to get the rows after this page; null on the last page. */
  nextCursor: string | null;
  /** Only with a count cap (admin pages): more rows match than `total`. */
  totalCapped?: boolean;
}

export interface ListResult<T> {
  data: T[];
  pagination: ListPagination;
}

/** Raw list input: URL search params, Next's `searchParams` object, or a plain object. */
export type RawListInput = URLSearchParams | Record<string, unknown>;

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const isoInput = z.union([
  z.date(),
  z
    .string()
    .trim()
    .refine((s) => ISO.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO date (YYYY-MM-DD) or date-time"),
]);

/** Start of a range (inclusive): a bare date means 00:00 UTC that day. */
export const fromParam = isoInput.transform((v) => (v instanceof Date ? v : new Date(v)));
/** End of a range (exclusive): a bare date includes that whole day (UTC). */
export const toParam = isoInput.transform((v) =>
  v instanceof Date ? v : new Date(Date.parse(v) + (BARE_DATE.test(v) ? DAY_MS : 0)),
);

export const uuidParam = (name: string) => z.string().trim().refine(isUuid, `${name} must be a UUID`);

/** Comma-separated (or repeated) enum values, accepted case-insensitively: `status=pending,converted`. */
export function csvEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(","))
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { error: () => `must be one or more of ${values.join(", ")}` })).min(1));
}

export type SortValue<F extends string> = F | `-${F}`;

/** `sort=createdAt` (ascending) or `sort=-createdAt` (descending), from a fixed list of fields. */
export function sortParam<const T extends readonly [string, ...string[]]>(fields: T, fallback: SortValue<T[number]>) {
  const allowed = new Set<string>(fields);
  return z
    .string()
    .trim()
    .refine((s) => allowed.has(s.replace(/^[-+]/, "")), `must be one of ${fields.join(", ")} (prefix - for descending)`)
    .optional()
    .transform((s) => (s ?? fallback).replace(/^\+/, "") as SortValue<T[number]>);
}

export const pageParams = {
  page: z.coerce.number().int("page must be a whole number").min(1, "page must be at least 1").max(PAGE_MAX).default(1),
  pageSize: z.coerce
    .number()
    .int("pageSize must be a whole number")
    .min(1, "pageSize must be at least 1")
    .max(PAGE_SIZE_MAX, `pageSize is at most ${PAGE_SIZE_MAX}`)
    .default(PAGE_SIZE_DEFAULT),
  cursor: z.string().trim().min(1).max(500).optional(),
  q: z.string().trim().max(100, "q is at most 100 characters").optional(),
  from: fromParam.optional(),
  to: toParam.optional(),
};

/**
 * A domain's list parameters: its filters, then `sort` (from `sorts`, newest first by default) and the shared
 * page, search and date-range ones (a filter may hold `q`, `from` or `to` itself, in its own place).
 */
export function listSchema<F extends z.ZodRawShape, const S extends readonly [string, ...string[]]>(
  filters: F,
  sorts: S,
  fallback: SortValue<S[number]> = "-createdAt" as SortValue<S[number]>,
) {
  return z.object({ ...filters, sort: sortParam(sorts, fallback), ...pageParams }).strict();
}

/** Plain object from URLSearchParams / Next searchParams; repeated keys join with commas; blanks dropped. */
export function toPlainInput(raw: RawListInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return;
    out[k] = k in out && typeof out[k] === "string" && typeof v === "string" ? `${out[k]},${v}` : v;
  };
  if (raw instanceof URLSearchParams) raw.forEach((v, k) => put(k, v));
  else for (const [k, v] of Object.entries(raw)) for (const x of Array.isArray(v) ? v : [v]) put(k, x);
  return out;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const path = i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(", ") : "query");
    return { path, message: i.message };
  });
}

export function validationError(error: z.ZodError): AppError {
  const errors = fieldErrors(error);
  return new AppError("validation", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
}

/**
 * Parses list input with a domain's schema. `strict` (the API) refuses unknown parameters; pages pass
 * `strict: false` so unrelated search params (UTM tags, …) are ignored. Throws AppError("validation").
 */
export function parseList<S extends z.ZodObject>(
  schema: S,
  raw: RawListInput,
  opts: { strict?: boolean } = {},
): z.output<S> {
  const input = toPlainInput(raw);
  const s = opts.strict === false ? schema.strip() : schema;
  const r = s.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data as z.output<S>;
}

/** For pages: parsed params, or the defaults plus the errors to show when the URL is invalid. */
export function parseListSafe<S extends z.ZodObject>(
  schema: S,
  raw: RawListInput,
): { params: z.output<S>; errors: FieldError[] } {
  const r = schema.strip().safeParse(toPlainInput(raw));
  if (r.success) return { params: r.data as z.output<S>, errors: [] };
  return { params: schema.strip().parse({}) as z.output<S>, errors: fieldErrors(r.error) };
}

/**
 * For pages: runs a list, and when its cursor is stale or hand-edited (a 400 for API callers) shows the
 * first page instead of an error page, reporting the cursor among the ignored parameters.
 */
export async function listFirstPageOnBadCursor<P extends { cursor?: string }, R>(
  params: P,
  run: (p: P) => Promise<R>,
): Promise<{ params: P; result: R; errors: FieldError[] }> {
  try {
    return { params, result: await run(params), errors: [] };
  } catch (e) {
    if (!(e instanceof AppError && e.code === "validation" && params.cursor)) throw e;
    const first = { ...params, cursor: undefined };
    return { params: first, result: await run(first), errors: e.errors };
  }
}

// --- sort + cursor -------------------------------------------------------------------------------

export interface SortSpec {
  field: string;
  desc: boolean;
}

export const sortSpec = (sort: string): SortSpec => ({ field: sort.replace(/^-/, ""), desc: sort.startsWith("-") });

type CursorValue = string | number;

/** Opaque keyset cursor: the sort it belongs to plus the last row's sort value and id. */
export function encodeCursor(sort: SortSpec, value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([sort.field, sort.desc ? 1 : 0, value, id])).toString("base64url");
}

export function decodeCursor(cursor: string, sort: SortSpec): { value: CursorValue; id: string } {
  const bad = () =>
    new AppError("validation", "cursor is invalid or belongs to another sort", {
      errors: [{ path: "cursor", message: "is invalid or was issued for another sort" }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [field, desc, value, id] = parsed as unknown[];
  if (field !== sort.field || desc !== (sort.desc ? 1 : 0) || !isUuid(id)) throw bad();
  if (typeof value !== "string" && typeof value !== "number") throw bad();
  if (typeof value === "string" && value.length > 200) throw bad();
  return { value, id };
}

/** Escapes `%`, `_` and `\` for ILIKE patterns. */
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
