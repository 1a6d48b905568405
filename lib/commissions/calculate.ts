import { divHalfEven } from "@/lib/decimal";
import { INSURANCE_TYPE_LABEL, describeRate, money } from "./words";
import { calculateUnlicensed } from "./unlicensed";
import type { Calculation, CalculationInput, PlanRule, PlanTier } from "./types";

/** How many condition fields a rule has: the more, the more specific. */
export const specificity = (r: PlanRule): number =>
  [r.insuranceTypes, r.states, r.minValueCents, r.maxValueCents].filter((c) => c !== undefined).length;

export function ruleMatches(
  r: PlanRule,
  i: Pick<CalculationInput, "event" | "insuranceType" | "state" | "valueCents" | "policyYear">,
) {
  if (r.event !== i.event) return false;
  if (r.maxPolicyYear !== undefined && (i.policyYear ?? 0) > r.maxPolicyYear) return false;
  if (r.insuranceTypes && (!i.insuranceType || !r.insuranceTypes.includes(i.insuranceType))) return false;
  if (r.states && (!i.state || !r.states.includes(i.state))) return false;
  if (r.minValueCents !== undefined && (i.valueCents === null || i.valueCents < r.minValueCents)) return false;
  if (r.maxValueCents !== undefined && (i.valueCents === null || i.valueCents > r.maxValueCents)) return false;
  return true;
}

/** The matching rule with the most condition fields; ties go to the earlier rule. */
export function pickRule(rules: PlanRule[], i: Parameters<typeof ruleMatches>[1]): PlanRule | null {
  let best: PlanRule | null = null;
  for (const r of rules) if (ruleMatches(r, i) && (!best || specificity(r) > specificity(best))) best = r;
  return best;
}

/** The highest tier whose threshold the trailing metric reaches. */
export function pickTier(input: CalculationInput): PlanTier | null {
  const doc = input.plan?.document;
  if (!doc?.tiers?.length || !doc.tierBasis || !input.trailing) return null;
  const metric = doc.tierBasis.metric === "CONVERSIONS" ? input.trailing.conversions : input.trailing.valueCents;
  let tier: PlanTier | null = null;
  for (const t of doc.tiers) if (metric >= t.threshold) tier = t;
  return tier;
}

/**
 * The reward of one event under one plan version, with its explanation. Pure and deterministic: the same
 * input always gives the same calculation (docs/commissions.md#precedence for the order of the rules).
 */
export function calculate(input: CalculationInput): Calculation {
  const plan = input.plan;
  const base: Omit<Calculation, "explanation"> = {
    planId: plan?.planId ?? null,
    planVersionId: plan?.versionId ?? null,
    planVersion: plan?.version ?? null,
    planName: plan?.document.name ?? null,
    event: input.event,
    ruleId: null,
    tier: null,
    baseCents: input.valueCents,
    rateBps: null,
    rateSource: null,
    multiplierBps: null,
    flatCents: 0,
    grossCents: 0,
    capApplied: null,
    capCents: null,
    amountCents: 0,
    currency: input.currency,
    matched: false,
    reason: null,
  };
  const type = input.insuranceType ? INSURANCE_TYPE_LABEL[input.insuranceType] : null;
  const event =
    input.event === "QUALIFIED"
      ? "qualified lead"
      : input.event === "RENEWAL"
        ? `year ${input.policyYear ?? "?"} renewal`
        : "conversion";
  const what = `${type ? `${type} ` : ""}${event}${input.state ? ` in ${input.state}` : ""}`;
  const none = (reason: string): Calculation => ({ ...base, reason, explanation: `No reward: ${reason}` });
  // Unlicensed under an enforced state rule: only the flat referral fee, never the plan's rules.
  if (input.unlicensed) return calculateUnlicensed({ ...input, unlicensed: input.unlicensed }, base);
  if (!plan) return none("the partner's plan has no version in force yet");
  const doc = plan.document;
  const rule = pickRule(doc.rules, input);
  const isConversion = input.event === "CONVERSION" && input.valueCents !== null;
  // A renewal pays its rule's rate of the renewal premium: no override, no tier.
  const isRenewal = input.event === "RENEWAL" && input.valueCents !== null;
  const override = isConversion && input.overrideBps !== null ? input.overrideBps : null;
  if (!rule && override === null) return none(`no rule of ${doc.name} v${plan.version} pays a ${what}`);
  const hasFlatOrCap = (rule?.flatCents ?? 0) > 0 || rule?.capCents !== undefined;
  if (hasFlatOrCap && doc.currency !== input.currency)
    return none(`${doc.name} pays in ${doc.currency}, the referral is in ${input.currency}`);

  let rate: number | null = null;
  let multiplier: number | null = null;
  let source: Calculation["rateSource"] = null;
  let tier: PlanTier | null = null;
  if (override !== null) [rate, source] = [override, "OVERRIDE"];
  else if (isConversion && rule?.rateBps !== undefined) {
    [rate, source] = [rule.rateBps, "RULE"];
    tier = pickTier(input);
    if (tier?.rateBps !== undefined) [rate, source] = [tier.rateBps, "TIER"];
    else if (tier?.multiplierBps !== undefined) [multiplier, source] = [tier.multiplierBps, "TIER"];
  } else if (isRenewal && rule?.rateBps !== undefined) [rate, source] = [rule.rateBps, "RULE"];
  const value = BigInt(input.valueCents ?? 0);
  const pct = rate === null ? 0n : divHalfEven(value * BigInt(rate) * BigInt(multiplier ?? 10_000), 100_000_000n);
  const flat = rule?.flatCents ?? 0;
  const gross = Number(pct) + flat;
  let amount = gross;
  let capApplied: Calculation["capApplied"] = null;
  let capCents: number | null = null;
  if (rule?.capCents !== undefined && amount > rule.capCents)
    [amount, capApplied, capCents] = [rule.capCents, "REWARD", rule.capCents];
  const monthly = doc.monthlyCapCents;
  if (monthly !== undefined && monthly !== null) {
    const room = Math.max(0, monthly - (input.monthToDateCents ?? 0));
    if (amount > room) [amount, capApplied, capCents] = [room, "MONTHLY", monthly];
  }
  const calc: Omit<Calculation, "explanation"> = {
    ...base,
    ruleId: rule?.id ?? null,
    tier: tier ? { id: tier.id, name: tier.name } : null,
    rateBps: rate === null ? null : multiplier === null ? rate : (rate * multiplier) / 10_000,
    rateSource: source,
    multiplierBps: multiplier,
    flatCents: flat,
    grossCents: gross,
    capApplied,
    capCents,
    amountCents: amount,
    matched: true,
  };
  return { ...calc, explanation: explain(calc, input, type) };
}

function explain(c: Omit<Calculation, "explanation">, input: CalculationInput, type: string | null): string {
  const cur = c.currency;
  const parts: string[] = [];
  if (c.rateBps !== null)
    parts.push(
      `${describeRate(c.rateBps)}${c.rateSource === "OVERRIDE" ? " (your rate)" : ""} of ${money(c.baseCents ?? 0, cur)} ${input.event === "RENEWAL" ? `year ${input.policyYear ?? "?"} renewal` : "first-year"} premium`,
    );
  if (c.flatCents > 0 || parts.length === 0)
    parts.push(`${money(c.flatCents, cur)} ${input.event === "QUALIFIED" ? "per qualified lead" : "flat"}`);
  const tags = [type, input.state, c.tier ? `${c.tier.name} tier` : null].filter(Boolean);
  let line = `${parts.join(" + ")}${tags.length ? ` (${tags.join(", ")})` : ""} = ${money(c.grossCents, cur)}`;
  if (c.capApplied === "REWARD") line += `, capped at ${money(c.capCents!, cur)} per reward`;
  if (c.capApplied === "MONTHLY")
    line += `, limited to ${money(c.amountCents, cur)} by the ${money(c.capCents!, cur)} monthly cap`;
  return line;
}
