import type { InsuranceType } from "@/db/schema/enums";
import { addDays } from "@/lib/clock";
import { INSURANCE_TYPE_LABEL } from "@/lib/commissions/words";
import { policyWindowFor, policyWindows } from "@/lib/compliance/policy-windows";

export interface HoldInput {
  /** The event the reward is for (the conversion, the renewal). */
  at: Date;
  /** The program hold (`settings.holdDays`). */
  holdDays: number;
  /** `settings.policyWindows` as stored. */
  windows: unknown;
  insuranceType: InsuranceType | null;
  state: string | null;
}

export interface Hold {
  holdUntil: Date;
  /** Why, in words for the approval queue and the portal; null when nothing holds the reward. */
  holdReason: string | null;
}

/** The hold of a reward no policy can cancel (a bonus, a fee earned at qualification): the program hold only. */
export const programHold = (at: Date, holdDays: number): Hold =>
  holdFor({ at, holdDays, windows: [], insuranceType: null, state: null });

/**
 * The one rule for a new reward's time hold (docs/compliance.md#holds): the event time plus the longest of
 * the program hold and the free-look window for the lead's line and state. Whether a reward is held now
 * is `isHeld` / `heldSql` / `dueSql` in ./core.ts.
 */
export function holdFor(input: HoldInput): Hold {
  const w = policyWindowFor(policyWindows(input.windows), input.insuranceType, input.state);
  const days = Math.max(input.holdDays, w.freeLookDays);
  const holdUntil = addDays(input.at, days);
  if (days === 0) return { holdUntil, holdReason: null };
  if (w.freeLookDays > input.holdDays && w.line) {
    const where = w.state ? `in ${w.state}` : input.state ? `(default for ${input.state.toUpperCase()})` : "(default)";
    return {
      holdUntil,
      holdReason: `${INSURANCE_TYPE_LABEL[w.line]} free-look window ${where}: ${w.freeLookDays} days`,
    };
  }
  return { holdUntil, holdReason: `Program hold: ${input.holdDays} days` };
}
