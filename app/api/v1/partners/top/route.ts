import { z } from "zod";
import { TOP_METRICS, topPartners } from "@/lib/analytics";
import { apiRoute } from "@/lib/api/handler";
import { periodQuery } from "@/lib/api/scope";

const topQuery = z.strictObject({
  ...periodQuery,
  // Case-insensitive like every enum input: "conversionrate" → "conversionRate".
  metric: z
    .preprocess(
      (v) => (typeof v === "string" ? (TOP_METRICS.find((m) => m.toLowerCase() === v.trim().toLowerCase()) ?? v) : v),
      z.enum(TOP_METRICS, { error: () => `Must be one of ${TOP_METRICS.join(", ")}` }),
    )
    .optional(),
  limit: z.coerce.number().int("Must be a whole number").min(1, "At least 1").max(100, "At most 100").optional(),
  /** For metric=conversionRate: ignore partners with fewer referrals in the period. */
  minReferrals: z.coerce.number().int("Must be a whole number").min(1, "At least 1").max(1_000_000).optional(),
});

/** Partners ranked by a metric over a period (admins only: partners get 403, docs/api.md#credentials-and-roles). */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Top partners by conversions, earnings, referrals or conversion rate (admins)",
      successStatus: 200,
    },
    query: topQuery,
  },
  ({ db, query }) => topPartners(db, query),
);
