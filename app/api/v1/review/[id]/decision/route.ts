import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { decideReview } from "@/lib/risk/review";
import { reviewDecisionJson, reviewDecisionSchema } from "@/lib/risk/schemas";

/** `{ decision: CLEAR | CONFIRM_FRAUD | ESCALATE, reason }` on a referral id or a partner id (admins). */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Decide a fraud review (admins)", response: reviewDecisionJson, successStatus: 200 },
    params: idParams,
    body: reviewDecisionSchema,
  },
  async ({ db, actor, params, body }) => decideReview(db, params.id, body, actor),
);
