import { z } from "zod";
import { INTERVALS } from "@/lib/analytics/period";
import { notFound } from "@/lib/errors";
import type { Scope } from "@/lib/query/list";
import type { Principal } from "./handler";

/** Matches no row: a partner principal without a partner id must see nothing, never everything. */
const NOBODY = "00000000-0000-0000-0000-000000000000";

/** What a caller may see: a partner only its own rows, an admin everything. */
export function scopeOf(p: Principal): Scope {
  return p.role === "ADMIN" ? {} : { partnerId: p.partnerId ?? NOBODY };
}

/** The row, or a 404 (absent and another partner's row look the same). */
export function found<T>(row: T | null | undefined, what: string): T {
  if (row == null) throw notFound(what);
  return row;
}

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "Must be an ISO date (YYYY-MM-DD)")
  .refine((s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)), "Must be a real date");

/** `from`/`to` (UTC days, both inclusive) of the statistics endpoints. */
export const periodQuery = { from: day.optional(), to: day.optional() };

/** GET …/statistics: `from`, `to`, `interval=day|week|month` (docs/api.md#statistics). */
export const statisticsQuery = z.strictObject({
  ...periodQuery,
  interval: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(INTERVALS, { error: () => `Must be one of ${INTERVALS.join(", ")}` }))
    .optional(),
});

/** Body of action endpoints that take none: nothing, or `{}`; anything else is refused rather than ignored. */
export const emptyBody = z.strictObject({}).optional();
