import { partnerStatistics } from "@/lib/analytics";
import { apiRoute } from "@/lib/api/handler";
import { scopeOf, statisticsQuery } from "@/lib/api/scope";

/** Program-wide partner figures; a partner gets its own (every `/statistics` is scoped: docs/api.md#statistics). */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "Partner statistics (scoped to the caller when a partner)", successStatus: 200 },
    query: statisticsQuery,
  },
  ({ db, principal, query }) => partnerStatistics(db, { from: query.from, to: query.to, ...scopeOf(principal) }),
);
