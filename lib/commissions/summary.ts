import type { DbOrTx } from "@/db";
import { planAt } from "./resolve";
import { specificity } from "./calculate";
import { INSURANCE_TYPE_LABEL, describeRate, money } from "./words";
import type { PlanDocument, PlanRule } from "./types";

/** A rule in words: "15 % of first-year premium on Auto in TX, capped at $500.00". */
export function describeRule(r: PlanRule, currency: string): string {
  const pay = [
    r.rateBps !== undefined
      ? `${describeRate(r.rateBps)} of ${r.event === "RENEWAL" ? "renewal" : "first-year"} premium`
      : null,
    r.flatCents !== undefined
      ? `${money(r.flatCents, currency)} ${r.event === "QUALIFIED" ? "per qualified lead" : "flat"}`
      : null,
  ]
    .filter(Boolean)
    .join(" + ");
  const on = [
    r.insuranceTypes ? r.insuranceTypes.map((t) => INSURANCE_TYPE_LABEL[t]).join(", ") : null,
    r.states ? `in ${r.states.join(", ")}` : null,
    r.minValueCents !== undefined ? `from ${money(r.minValueCents, currency)}` : null,
    r.maxValueCents !== undefined ? `up to ${money(r.maxValueCents, currency)}` : null,
  ].filter(Boolean);
  const when =
    r.event === "QUALIFIED"
      ? "qualified leads"
      : r.event === "RENEWAL"
        ? `renewals (policy years 2${r.maxPolicyYear ? `–${r.maxPolicyYear}` : " and later"})`
        : "policies sold";
  return `${pay} on ${on.length ? `${on.join(" ")} ` : "all "}${when}${r.capCents !== undefined ? `, capped at ${money(r.capCents, currency)}` : ""}`;
}

/** The rate a partner earns on most policies: their override, else the plan's least specific rule. */
export function headlineRate(
  doc: PlanDocument | null,
  overrideBps: number | null,
): { bps: number | null; varies: boolean } {
  if (overrideBps !== null) return { bps: overrideBps, varies: false };
  const conv = (doc?.rules ?? []).filter((r) => r.event === "CONVERSION");
  const general = [...conv].sort((a, b) => specificity(a) - specificity(b))[0];
  return { bps: general?.rateBps ?? null, varies: (doc?.rules.length ?? 0) > 1 };
}

/** What the portal shows beside the status: the partner's plan and headline rate now. */
export async function partnerEarning(db: DbOrTx, partnerId: string, now = new Date()) {
  const found = await planAt(db, partnerId, null, now);
  const doc = found?.plan?.document ?? null;
  return { planName: doc?.name ?? null, ...headlineRate(doc, found?.overrideBps ?? null) };
}

/** The tier now and the progress to the next, from the trailing metric. */
export function tierProgress(doc: PlanDocument, trailing: { conversions: number; valueCents: number }) {
  if (!doc.tiers?.length || !doc.tierBasis) return null;
  const metric = doc.tierBasis.metric;
  const value = metric === "CONVERSIONS" ? trailing.conversions : trailing.valueCents;
  let index = -1;
  doc.tiers.forEach((t, i) => {
    if (value >= t.threshold) index = i;
  });
  const current = index >= 0 ? doc.tiers[index] : null;
  const next = doc.tiers[index + 1] ?? null;
  return {
    metric,
    window: doc.tierBasis.window,
    value,
    current: current && {
      id: current.id,
      name: current.name,
      rateBps: current.rateBps ?? null,
      multiplierBps: current.multiplierBps ?? null,
    },
    next: next && { id: next.id, name: next.name, threshold: next.threshold, remaining: next.threshold - value },
  };
}
