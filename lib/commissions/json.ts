import type { PlanDetail } from "./read";
import type { CommissionPlan, PlanVersion } from "./plans";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const serializeVersion = (v: PlanVersion) => ({
  id: v.id,
  version: v.version,
  effectiveFrom: v.effectiveFrom.toISOString(),
  createdBy: v.createdBy,
  createdAt: v.createdAt.toISOString(),
  document: v.document,
});

const versionSummary = (v: PlanVersion) => {
  const { document: _, ...rest } = serializeVersion(v);
  return rest;
};

/** A plan as the API answers it: `current` is the version in force now (else the latest). */
export function serializePlan(
  plan: CommissionPlan,
  current: PlanVersion,
  extra: { partnerCount?: number; detail?: PlanDetail } = {},
) {
  return {
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    isDefault: plan.isDefault,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: iso(plan.updatedAt),
    ...(extra.partnerCount !== undefined ? { partnerCount: extra.partnerCount } : {}),
    current: serializeVersion(current),
    ...(extra.detail
      ? {
          versions: extra.detail.versions.map(versionSummary),
          partners: extra.detail.partners.map((p) => ({
            id: p.id,
            name: `${p.firstName} ${p.lastName}`,
            companyName: p.companyName,
            commissionRateBps: p.commissionRateBps,
          })),
        }
      : {}),
  };
}
