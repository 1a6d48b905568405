import { partnerListRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";

/** One partner's rewards, with the filters of GET /rewards (another partner's id → 404). */
export const GET = partnerListRoute(apiResources.reward, "A partner's rewards");
