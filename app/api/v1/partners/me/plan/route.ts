import { apiRoute } from "@/lib/api/handler";
import { found } from "@/lib/api/scope";
import { partnerPlan } from "@/lib/commissions/partner-plan";
import { partnerPlanJson } from "@/lib/commissions/schemas";

/** The calling partner's plan in plain words, their tier and progress, goals and badges (partners). */
export const GET = apiRoute(
  {
    auth: "partner",
    doc: {
      summary: "How the calling partner earns: plan, tier, goals, badges",
      response: partnerPlanJson,
      successStatus: 200,
    },
  },
  async ({ db, principal }) => found(await partnerPlan(db, principal.partnerId), "Partner"),
);
