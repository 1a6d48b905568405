import { divHalfEven } from "@/lib/decimal";
import { money } from "@/lib/commissions/words";

/** A UTC calendar date, `YYYY-MM-DD`. */
export type DateOnly = string;

const DAY_MS = 86_400_000;
export const daysBetween = (from: DateOnly, to: DateOnly): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
export function addMonths(d: DateOnly, months: number): DateOnly {
  const [y, m, day] = d.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last)))
    .toISOString()
    .slice(0, 10);
}
export const dateOf = (d: Date): DateOnly => d.toISOString().slice(0, 10);

export interface TakeBackInput {
  /** The start of the policy year the reward pays for (issue date, conversion date or renewal date). */
  start: DateOnly;
  /** The cancellation's effective date. */
  cancelledOn: DateOnly;
  termDays: number;
  /** 0 for a renewal year: the free-look window belongs to the first year only. */
  freeLookDays: number;
  chargebackMonths: number;
  /** The reward's amount and currency. */
  amountCents: number;
  currency: string;
}

/** What a cancellation takes back of one reward, and why (stored with the clawback: docs/compliance.md#clawbacks). */
export interface TakeBack {
  kind: "FULL" | "PRO_RATA" | "NONE";
  start: DateOnly;
  cancelledOn: DateOnly;
  /** Days from the start to the cancellation. */
  daysIn: number;
  termDays: number;
  unearnedDays: number;
  freeLookDays: number;
  chargebackMonths: number;
  /** The end of the chargeback window (exclusive), null without one. */
  chargebackUntil: DateOnly | null;
  rewardCents: number;
  /** Taken back, ≥ 0: the whole reward, or reward × unearned ÷ term rounded half to even. */
  amountCents: number;
  explanation: string;
}

/**
 * The take-back rule (docs/compliance.md#clawbacks): inside the free-look window (day 0 to its last day
 * included) the whole reward; else inside the chargeback window the unearned share, unearned days ÷ term
 * days, rounded half to even once; after it, nothing.
 */
export function takeBack(i: TakeBackInput): TakeBack {
  const daysIn = daysBetween(i.start, i.cancelledOn);
  const unearnedDays = Math.min(i.termDays, Math.max(0, i.termDays - daysIn));
  const chargebackUntil = i.chargebackMonths > 0 ? addMonths(i.start, i.chargebackMonths) : null;
  const base = {
    start: i.start,
    cancelledOn: i.cancelledOn,
    daysIn,
    termDays: i.termDays,
    unearnedDays,
    freeLookDays: i.freeLookDays,
    chargebackMonths: i.chargebackMonths,
    chargebackUntil,
    rewardCents: i.amountCents,
  };
  if (daysIn < 0)
    return {
      ...base,
      kind: "FULL",
      amountCents: i.amountCents,
      explanation: "Cancelled before the policy started: the whole reward is taken back",
    };
  if (i.freeLookDays > 0 && daysIn <= i.freeLookDays)
    return {
      ...base,
      kind: "FULL",
      amountCents: i.amountCents,
      explanation: `Cancelled on day ${daysIn} of a ${i.freeLookDays}-day free-look window: the whole reward is taken back`,
    };
  if (chargebackUntil && i.cancelledOn < chargebackUntil && unearnedDays > 0) {
    const amount = Number(divHalfEven(BigInt(i.amountCents) * BigInt(unearnedDays), BigInt(i.termDays)));
    return {
      ...base,
      kind: "PRO_RATA",
      amountCents: amount,
      explanation: `Cancelled on day ${daysIn} of ${i.termDays}: ${unearnedDays}/${i.termDays} of ${money(i.amountCents, i.currency)} unearned = ${money(amount, i.currency)} taken back`,
    };
  }
  return {
    ...base,
    kind: "NONE",
    amountCents: 0,
    explanation: chargebackUntil
      ? `Cancelled on day ${daysIn}, after the ${i.chargebackMonths}-month chargeback window: nothing is taken back`
      : `Cancelled on day ${daysIn}, with no chargeback window for this line: nothing is taken back`,
  };
}
