import { partnerListRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";

/** One partner's payouts, with the filters of GET /payouts (another partner's id → 404). */
export const GET = partnerListRoute(apiResources.payout, "A partner's payouts");
