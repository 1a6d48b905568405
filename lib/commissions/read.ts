import { asc, desc, eq, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { commissionPlanVersions, partners } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { calculate } from "./calculate";
import { getPlan, listPlans, planVersions, versionAt, type CommissionPlan, type PlanVersion } from "./plans";
import { partnerMetrics, planAt } from "./resolve";
import type { PreviewInput } from "./schemas";
import type { Calculation } from "./types";

export interface PlanDetail {
  plan: CommissionPlan;
  /** In force now, else the latest (a plan whose first version starts later). */
  current: PlanVersion;
  /** Newest first. */
  versions: PlanVersion[];
  partners: {
    id: string;
    firstName: string;
    lastName: string;
    companyName: string | null;
    commissionRateBps: number | null;
  }[];
}

/** A plan with its versions and the partners on it (a default plan's include those with no plan). */
export async function getPlanDetail(db: DbOrTx, id: string, now = new Date()): Promise<PlanDetail> {
  const plan = await getPlan(db, id);
  const [versions, current, members] = await Promise.all([
    planVersions(db, id),
    versionAt(db, id, now),
    db
      .select({
        id: partners.id,
        firstName: partners.firstName,
        lastName: partners.lastName,
        companyName: partners.companyName,
        commissionRateBps: partners.commissionRateBps,
      })
      .from(partners)
      .where(
        plan.isDefault
          ? or(eq(partners.commissionPlanId, id), isNull(partners.commissionPlanId))
          : eq(partners.commissionPlanId, id),
      )
      .orderBy(asc(partners.lastName), asc(partners.firstName))
      .limit(500),
  ]);
  return { plan, current: current ?? versions[0], versions, partners: members };
}

/**
 * What a conversion would pay under the plan's latest version, written nowhere. With `partnerId`, that
 * partner's override, trailing tier metric and month so far count, as at a real conversion now.
 */
export async function previewPlan(
  db: DbOrTx,
  id: string,
  input: PreviewInput,
  now = new Date(),
): Promise<{ amountCents: number; currency: string; calculation: Calculation; explanation: string }> {
  await getPlan(db, id);
  const [latest] = await db
    .select()
    .from(commissionPlanVersions)
    .where(eq(commissionPlanVersions.planId, id))
    .orderBy(desc(commissionPlanVersions.version))
    .limit(1);
  const event = input.event ?? "CONVERSION";
  const valueCents = event === "QUALIFIED" ? null : (input.conversionValueCents ?? 0);
  let overrideBps: number | null = null;
  let metrics = {};
  if (input.partnerId) {
    const partner = isUuid(input.partnerId) ? await planAt(db, input.partnerId, null, now) : null;
    if (!partner)
      throw new AppError("validation", "No partner with this id", {
        errors: [{ path: "partnerId", message: "No partner with this id" }],
      });
    overrideBps = partner.overrideBps;
    metrics = await partnerMetrics(db, input.partnerId, latest.document, now);
  }
  const calculation = calculate({
    event,
    valueCents,
    currency: latest.document.currency,
    insuranceType: input.insuranceType,
    state: input.state ?? null,
    plan: { planId: id, versionId: latest.id, version: latest.version, document: latest.document },
    overrideBps,
    ...metrics,
  });
  return {
    amountCents: calculation.amountCents,
    currency: calculation.currency,
    calculation,
    explanation: calculation.explanation,
  };
}

/** Every plan with the version in force now (else its latest) and how many partners are on it. */
export async function listPlansWithCurrent(db: DbOrTx, now = new Date()) {
  const plans = await listPlans(db);
  return Promise.all(
    plans.map(async (p) => {
      const current = (await versionAt(db, p.id, now)) ?? (await planVersions(db, p.id))[0];
      return { plan: p, current, partnerCount: p.partnerCount };
    }),
  );
}
