import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { referrals, rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { AppError, conflict, invalidState } from "@/lib/errors";
import { calculate } from "@/lib/commissions/calculate";
import { loadCalculationInput } from "@/lib/commissions/resolve";
import { centsToMajor } from "@/lib/decimal";
import { majorToCents } from "@/lib/money";
import { holdFor } from "@/lib/rewards/hold";
import { insertReward, moveReward, type Reward } from "@/lib/rewards/core";
import { getSettings } from "@/lib/settings";
import { signalsAtConversion } from "@/lib/risk/conversion";
import { moveReferral, type Referral } from "./core";

export interface ConversionValue {
  conversionValue?: number | string;
  conversionValueCents?: number;
}

/** The value in cents, or null when none was given (the reward then waits as PENDING). */
export function conversionCents(v: ConversionValue): number | null {
  if (v.conversionValueCents !== undefined && v.conversionValueCents !== null) {
    if (!Number.isSafeInteger(v.conversionValueCents) || v.conversionValueCents < 0)
      throw new AppError("validation", "conversionValueCents must be whole, non-negative cents", {
        errors: [{ path: "conversionValueCents", message: "Whole, non-negative cents" }],
      });
    return v.conversionValueCents;
  }
  if (v.conversionValue === undefined || v.conversionValue === null) return null;
  return majorToCents(v.conversionValue, "conversionValue");
}

/** The reward's columns for a value, by the partner's plan version in force at the event (`at`). */
async function calculation(tx: DbOrTx, referral: Referral, cents: number, at: Date, now: Date) {
  const input = await loadCalculationInput(tx, {
    partnerId: referral.partnerId,
    leadId: referral.leadId,
    event: "CONVERSION",
    valueCents: cents,
    currency: referral.currency,
    at,
  });
  const calc = calculate(input);
  const { holdDays, policyWindows } = await getSettings(tx);
  const hold = holdFor({
    at: now,
    holdDays,
    windows: policyWindows,
    insuranceType: input.insuranceType,
    state: input.state,
  });
  return {
    amountCents: calc.amountCents,
    rateBps: calc.rateBps === null ? null : Math.round(calc.rateBps),
    baseCents: cents,
    ...hold,
    planVersionId: calc.planVersionId,
    calculation: calc,
    // No rule applies: no reward is due, recorded as a cancelled reward with the reason.
    ...(calc.matched ? {} : { cancelReason: calc.reason, cancelledAt: now, holdUntil: null, holdReason: null }),
  };
}

/**
 * Converts a referral the caller has locked (FOR UPDATE): referral → CONVERTED and its one CONVERSION
 * reward, CALCULATED with a value or PENDING without. Idempotent: the same value (or none) on a converted
 * referral returns the existing reward (`created: false`); a value for a PENDING reward calculates it;
 * a different value is a conflict. The lock serialises concurrent calls, the unique index backs it.
 */
export async function convertLocked(
  tx: DbOrTx,
  referral: Referral,
  cents: number | null,
  actor: Actor,
  now: Date,
): Promise<{ referral: Referral; reward: Reward; created: boolean }> {
  if (referral.status === "CONVERTED" || referral.status === "PAID") {
    const [reward] = await tx
      .select()
      .from(rewards)
      .where(and(eq(rewards.referralId, referral.id), eq(rewards.type, "CONVERSION")))
      .for("update");
    if (!reward) throw invalidState("Referral", referral.status, "convert again");
    if (cents === null || reward.baseCents === cents) return { referral, reward, created: false };
    if (reward.status === "PENDING" && reward.baseCents === null) {
      const calc = await calculation(tx, referral, cents, reward.createdAt, now);
      const updated = await moveReward(tx, reward, calc.calculation.matched ? "CALCULATED" : "CANCELLED", actor, now, {
        patch: calc,
        data: { baseCents: cents },
      });
      const [ref] = await tx
        .update(referrals)
        .set({ conversionValueCents: cents, updatedAt: now })
        .where(eq(referrals.id, referral.id))
        .returning();
      return { referral: ref, reward: updated, created: false };
    }
    throw conflict(
      `Referral already converted with a value of ${centsToMajor(reward.baseCents ?? 0)}; a different value needs a cancellation and a manual adjustment`,
      { currentValueCents: reward.baseCents },
    );
  }
  if (referral.status !== "PENDING" && referral.status !== "ACCEPTED")
    throw invalidState("Referral", referral.status, "convert");
  const converted = await moveReferral(tx, referral, "CONVERTED", actor, now, {
    patch: { conversionValueCents: cents },
  });
  const calc = cents === null ? null : await calculation(tx, referral, cents, now, now);
  const status = !calc ? "PENDING" : calc.calculation.matched ? "CALCULATED" : "CANCELLED";
  const { held } = await signalsAtConversion(tx, referral, now);
  const reward = await insertReward(
    tx,
    actor,
    now,
    {
      partnerId: referral.partnerId,
      referralId: referral.id,
      type: "CONVERSION",
      currency: referral.currency,
      status,
      ...(calc ?? {}),
      reviewHold: held,
      calculatedAt: status === "CALCULATED" ? now : null,
      createdBy: actor.id ?? actor.label ?? null,
    },
    (r) => ({
      referralId: referral.id,
      amountCents: r.amountCents,
      baseCents: cents,
      rateBps: r.rateBps,
      ...(calc ? { explanation: calc.calculation.explanation } : {}),
    }),
  );
  return { referral: converted, reward, created: true };
}
