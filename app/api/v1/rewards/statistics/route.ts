import { rewardStatistics } from "@/lib/analytics";
import { apiRoute } from "@/lib/api/handler";
import { scopeOf, statisticsQuery } from "@/lib/api/scope";

/** Amounts by status, by month and the payout summary by method; a partner gets its own. */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "Reward statistics: amounts by status and month, payouts by method", successStatus: 200 },
    query: statisticsQuery,
  },
  ({ db, principal, query }) => rewardStatistics(db, { from: query.from, to: query.to, ...scopeOf(principal) }),
);
