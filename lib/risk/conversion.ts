import type { DbOrTx } from "@/db";
import type { ReferralSource } from "@/db/schema/enums";
import { getSettings } from "@/lib/settings";
import { riskRules } from "./rules";
import { scoreOf, storeSignals, type FiredSignal } from "./signals";

/** Sources that arrive through a referral link, where a conversion without any recorded click is suspect. */
export const LINK_SOURCES: readonly ReferralSource[] = ["WEBSITE", "SOCIAL_MEDIA", "EMAIL"];

/**
 * The conversion-time signals (no click for a link-based source, converted minutes after the referral)
 * are stored, and the answer is whether the referral's score now holds its reward for review.
 */
export async function signalsAtConversion(
  tx: DbOrTx,
  referral: { id: string; partnerId: string; clickId: string | null; source: ReferralSource; createdAt: Date },
  now: Date,
): Promise<{ score: number; held: boolean }> {
  const [s, before] = await Promise.all([getSettings(tx), scoreOf(tx, referral.id, referral.partnerId)]);
  const rules = riskRules(s.riskRules);
  const fired: FiredSignal[] = [];
  if (!referral.clickId && LINK_SOURCES.includes(referral.source))
    fired.push({ kind: "NO_CLICK", evidence: { source: referral.source } });
  const minutes = (now.getTime() - referral.createdAt.getTime()) / 60_000;
  if (minutes >= 0 && minutes < rules.tooFastConversionMinutes)
    fired.push({
      kind: "TOO_FAST_CONVERSION",
      evidence: {
        referralAt: referral.createdAt.toISOString(),
        convertedAt: now.toISOString(),
        minutes: Math.round(minutes * 10) / 10,
      },
    });
  const score = await storeSignals(
    tx,
    { referralId: referral.id, partnerId: referral.partnerId },
    fired,
    before,
    rules,
    now,
  );
  return { score, held: score >= rules.holdThreshold };
}
