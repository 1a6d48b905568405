import { apiRoute, created } from "@/lib/api/handler";
import { serializePlan } from "@/lib/commissions/json";
import { createPlan } from "@/lib/commissions/plans";
import { listPlansWithCurrent } from "@/lib/commissions/read";
import { planInputSchema, planJson, planListJson } from "@/lib/commissions/schemas";

/** Every commission plan with its version in force and its partner count (admins). */
export const GET = apiRoute(
  { auth: "admin", doc: { summary: "List commission plans", response: planListJson, successStatus: 200 } },
  async ({ db }) => ({
    data: (await listPlansWithCurrent(db)).map((p) =>
      serializePlan(p.plan, p.current, { partnerCount: p.partnerCount }),
    ),
  }),
);

/** A new plan: `{ name, currency, rules, tiers?, tierBasis?, bonuses?, monthlyCapCents?, effectiveFrom? }` (admins). */
export const POST = apiRoute(
  {
    auth: "admin",
    body: planInputSchema,
    doc: { summary: "Create a commission plan (version 1)", response: planJson, successStatus: 201 },
  },
  async ({ db, body, actor }) => {
    const { plan, version } = await createPlan(db, body, actor);
    return created(serializePlan(plan, version));
  },
);
