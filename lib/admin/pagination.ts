import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Page inputs shared by the admin lists (CONTRACT: default 20, at most 100; larger is refused). */
export const pageInput = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "pageSize is at most 100").default(20),
};

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  nextCursor: string | null;
}

export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const BARE = /^\d{4}-\d{2}-\d{2}$/;
const isoString = z
  .string()
  .trim()
  .refine((s) => ISO.test(s) && !Number.isNaN(Date.parse(s)), "Must be an ISO date (YYYY-MM-DD) or date-time");

/** Start of a range: a bare date means 00:00 UTC that day. */
export const isoFrom = isoString.transform((s) => new Date(s));
/** Exclusive end of a range: a bare date includes that whole day (UTC). */
export const isoTo = isoString.transform((s) => new Date(Date.parse(s) + (BARE.test(s) ? 86_400_000 : 0)));

/** `status=pending,Accepted` → ["PENDING", "ACCEPTED"], each checked against the enum (CONTRACT: case-insensitive). */
export function enumList<const T extends readonly [string, ...string[]]>(values: T, name: string) {
  return z
    .string()
    .trim()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { error: `${name} must be one of ${values.join(", ")}` })).min(1));
}

/** `sort=-createdAt` → { key: "createdAt", desc: true } for the allowed keys. */
export function sortParam<const K extends readonly [string, ...string[]]>(
  keys: K,
  fallback: `${"" | "-"}${K[number]}`,
) {
  return z
    .string()
    .trim()
    .default(fallback)
    .transform((s) => ({ key: s.replace(/^-/, ""), desc: s.startsWith("-") }))
    .pipe(
      z.object({
        key: z.enum(keys, { error: `sort must be one of ${keys.join(", ")} (prefix - for descending)` }),
        desc: z.boolean(),
      }),
    );
}

export const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Parses list input; a refusal is an AppError("validation") naming every bad field (→ 400, never 500). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError("validation", "Invalid filter", {
    errors: r.error.issues.map((i) => ({ path: i.path.join(".") || "query", message: i.message })),
  });
}

/** Big tables (referrals, leads, rewards, events) count at most this many matches: the UI shows "10,000+". */
export const COUNT_CAP = 10_000;

/** `n` counted from a query limited to COUNT_CAP + 1 rows → the total to show and whether it was capped. */
export const capped = (n: number) => ({ total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP });
