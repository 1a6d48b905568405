import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializePlan } from "@/lib/commissions/json";
import { updatePlan } from "@/lib/commissions/plans";
import { getPlanDetail } from "@/lib/commissions/read";
import { planJson, planPatchSchema } from "@/lib/commissions/schemas";

/** One plan: the version in force, the version history and the partners on it (admins). */
export const GET = apiRoute(
  {
    auth: "admin",
    params: idParams,
    doc: { summary: "Get a commission plan with its versions and partners", response: planJson, successStatus: 200 },
  },
  async ({ db, params }) => {
    const detail = await getPlanDetail(db, params.id);
    return serializePlan(detail.plan, detail.current, { detail });
  },
);

/**
 * A new immutable version: the latest document with the given parts replaced, checked as a whole; effective
 * now or from `effectiveFrom`. Rewards already computed keep their version (admins).
 */
export const PATCH = apiRoute(
  {
    auth: "admin",
    params: idParams,
    body: planPatchSchema,
    doc: { summary: "Change a commission plan (writes a new version)", response: planJson, successStatus: 200 },
  },
  async ({ db, params, body, actor }) => {
    await updatePlan(db, params.id, body, actor);
    const detail = await getPlanDetail(db, params.id);
    return serializePlan(detail.plan, detail.versions[0], { detail });
  },
);
