import { partnerListRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";

/** One partner's referrals, with the filters of GET /referrals (another partner's id → 404). */
export const GET = partnerListRoute(apiResources.referral, "A partner's referrals");
