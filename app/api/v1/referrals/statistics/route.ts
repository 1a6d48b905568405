import { referralStatistics } from "@/lib/analytics";
import { apiRoute } from "@/lib/api/handler";
import { scopeOf, statisticsQuery } from "@/lib/api/scope";

/** By status, by source, conversion rate, median time to convert and the trend; a partner gets its own. */
export const GET = apiRoute(
  {
    auth: "any",
    doc: {
      summary: "Referral statistics: by status, source, conversion rate, median time to convert, trend",
      successStatus: 200,
    },
    query: statisticsQuery,
  },
  ({ db, principal, query }) =>
    referralStatistics(db, { from: query.from, to: query.to, interval: query.interval, ...scopeOf(principal) }),
);
