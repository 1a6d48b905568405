import { getByIdRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";

/** One payout with the rewards it covered (another partner's → 404). */
export const GET = getByIdRoute(apiResources.payout, "Get a payout with the rewards it covered");
