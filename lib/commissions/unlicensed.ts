import { money } from "./words";
import type { Calculation, CalculationInput, UnlicensedInput } from "./types";

/**
 * The reward of a partner unlicensed for the lead's state and line under an enforced state rule
 * (docs/compliance.md#state-rules). Nothing contingent on a purchase is ever computed: a conversion pays
 * nothing, and the one thing paid is the flat referral fee when the lead qualifies, within the rule's
 * maximum per referral and its annual cap per referred person.
 */
export function calculateUnlicensed(
  input: CalculationInput & { unlicensed: UnlicensedInput },
  base: Omit<Calculation, "explanation">,
): Calculation {
  const u = input.unlicensed;
  const cur = input.currency;
  const where = u.rule.state === "DEFAULT" ? "unlicensed (program default rule)" : `unlicensed in ${u.rule.state}`;
  const licence = {
    ruleState: u.rule.state,
    why: u.why,
    feeSource: u.feeSource,
    nonCashRequired: u.rule.nonCashRequired,
  };
  const none = (what: string): Calculation => {
    const reason = `${where}: ${what} (${u.why})`;
    return { ...base, ruleId: null, baseCents: null, licence, reason, explanation: `No reward: ${reason}` };
  };
  if (input.event !== "QUALIFIED")
    return none("no reward contingent on purchase; the flat referral fee is earned when the lead qualifies");
  if (!u.rule.unlicensedFeesAllowed) return none("no referral fee may be paid to an unlicensed partner");
  if (!u.feeCents) return none("no unlicensed referral fee is set on the plan or the program");
  const gross = u.feeCents;
  let amount = gross;
  let capApplied: Calculation["capApplied"] = null;
  let capCents: number | null = null;
  let capWords = "";
  const max = u.rule.maxFeePerReferralCents;
  if (max !== null && amount > max) {
    [amount, capApplied, capCents] = [max, "REFERRAL", max];
    capWords = `, capped at ${money(max, cur)} per referral`;
  }
  const annual = u.rule.annualCapPerPersonCents;
  if (annual !== null) {
    const room = Math.max(0, annual - u.personYearCents);
    if (amount > room) {
      [amount, capApplied, capCents] = [room, "ANNUAL", annual];
      capWords = `, limited to ${money(room, cur)} by the ${money(annual, cur)} annual cap per referred person (${money(u.personYearCents, cur)} already earned for this person in ${u.year}${room === 0 ? ": cap reached" : ""})`;
    }
  }
  const nonCash = u.rule.nonCashRequired ? "; to be paid in a non-cash form" : "";
  const explanation = `${where}: flat referral fee, not contingent on purchase = ${money(gross, cur)}${capWords}${nonCash} (${u.why})`;
  return {
    ...base,
    baseCents: null,
    flatCents: gross,
    grossCents: gross,
    capApplied,
    capCents,
    amountCents: amount,
    matched: true,
    reason: amount === 0 ? explanation : null,
    licence,
    explanation,
  };
}
