import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { getPartner } from "@/lib/partners/queries";
import { partnerPerformance } from "@/lib/partners/service";
import { fromParam, toParam } from "@/lib/query/list";

const performanceQuery = z.strictObject({ from: fromParam.optional(), to: toParam.optional() });

/** Clicks, referrals, accepted, conversions, conversion rate and earnings, from the rows (optionally a period). */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "A partner's clicks, referrals, conversions and earnings", successStatus: 200 },
    params: idParams,
    query: performanceQuery,
  },
  async ({ db, principal, params, query }) => {
    found(await getPartner(db, scopeOf(principal), params.id), "Partner");
    return { partnerId: params.id, ...(await partnerPerformance(db, params.id, query)) };
  },
);
