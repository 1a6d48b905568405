import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { previewPlan } from "@/lib/commissions/read";
import { previewJson, previewSchema } from "@/lib/commissions/schemas";

/** What an event would pay under the plan's latest version, with its explanation; writes nothing (admins). */
export const POST = apiRoute(
  {
    auth: "admin",
    params: idParams,
    body: previewSchema,
    doc: { summary: "Preview a commission plan's reward (writes nothing)", response: previewJson, successStatus: 200 },
  },
  async ({ db, params, body }) => previewPlan(db, params.id, body),
);
