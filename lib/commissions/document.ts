import type { PlanInput } from "./schemas";
import type { PlanDocument } from "./types";

/** Rules, tiers and bonuses without an id get the next free `<prefix>-<n>`; ids stay stable across versions. */
function withIds<T extends { id?: string }>(items: T[] | undefined, prefix: string): (T & { id: string })[] {
  const taken = new Set((items ?? []).map((i) => i.id).filter(Boolean));
  let n = 0;
  return (items ?? []).map((i) => {
    if (i.id) return i as T & { id: string };
    let id: string;
    do id = `${prefix}-${++n}`;
    while (taken.has(id));
    taken.add(id);
    return { ...i, id };
  });
}

export function toDocument(input: Omit<PlanInput, "effectiveFrom">): PlanDocument {
  const doc: PlanDocument = {
    name: input.name,
    currency: input.currency,
    rules: withIds(input.rules, "rule"),
  };
  if (input.tiers?.length) doc.tiers = withIds(input.tiers, "tier");
  if (input.tierBasis && input.tiers?.length) doc.tierBasis = input.tierBasis;
  if (input.bonuses?.length) doc.bonuses = withIds(input.bonuses, "bonus");
  if (input.monthlyCapCents !== undefined && input.monthlyCapCents !== null)
    doc.monthlyCapCents = input.monthlyCapCents;
  if (input.unlicensedReferralFeeCents !== undefined && input.unlicensedReferralFeeCents !== null)
    doc.unlicensedReferralFeeCents = input.unlicensedReferralFeeCents;
  return doc;
}
