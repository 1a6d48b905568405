import type { DbOrTx } from "@/db";
import type { leads } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { conversionCents, convertLocked } from "@/lib/referrals/conversion";
import { moveReferral, type Referral } from "@/lib/referrals/core";
import { qualificationReward } from "@/lib/rewards/qualification";
import type { LeadStatusInput } from "./schemas";
import { liveReferralOfLead } from "./service";

type Lead = typeof leads.$inferSelect;

/** What a lead's change did to its referral: the move made, or why the referral stayed. */
export interface ReferralFollow {
  referralId: string;
  from: string;
  to: string | null;
  rewardId?: string;
  /** The reward the lead earned by qualifying (a lead fee or an unlicensed referral fee), when one was created. */
  qualificationRewardId?: string;
  skipped?: string;
}

/**
 * Applies the lead → referral table to the lead's live referral (locked): QUALIFIED/QUOTED accept a
 * PENDING referral, CONVERTED converts (a value calculates the reward, none leaves it PENDING), LOST
 * rejects with LEAD_LOST. Moves the lifecycle refuses are reported in `skipped`, never thrown, so the
 * lead change is saved anyway. Reaching QUALIFIED, QUOTED or CONVERTED (which qualify on the way) also earns
 * the qualification reward once per referral (lib/rewards/qualification.ts), before any conversion.
 */
export async function followLeadStatus(
  tx: DbOrTx,
  lead: Lead,
  input: Pick<LeadStatusInput, "status" | "conversionValue" | "conversionValueCents">,
  actor: Actor,
  now: Date,
): Promise<{ referral: Referral | null; change: ReferralFollow | null; valueCents: number | null }> {
  const valueCents = conversionCents(input);
  if (valueCents !== null && input.status !== "CONVERTED") {
    throw new AppError("validation", "A conversion value is only accepted with status CONVERTED", {
      errors: [{ path: "conversionValue", message: "Only with status CONVERTED" }],
    });
  }
  const referral = (await liveReferralOfLead(tx, lead.id, true)) ?? null;
  if (!referral) return { referral: null, change: null, valueCents };
  const qualified =
    input.status === "QUALIFIED" || input.status === "QUOTED" || input.status === "CONVERTED"
      ? await qualificationReward(tx, referral, actor, now)
      : null;
  const base = {
    referralId: referral.id,
    from: referral.status,
    ...(qualified?.created ? { qualificationRewardId: qualified.reward.id } : {}),
  };
  const stays = (why: string) => ({ referral, change: { ...base, to: null, skipped: why }, valueCents });
  switch (input.status) {
    case "QUALIFIED":
    case "QUOTED":
      if (referral.status !== "PENDING") return stays(`Referral is ${referral.status}; nothing to accept`);
      return {
        referral: await moveReferral(tx, referral, "ACCEPTED", actor, now, { data: { leadStatus: input.status } }),
        change: { ...base, to: "ACCEPTED" },
        valueCents,
      };
    case "LOST":
      if (referral.status !== "PENDING" && referral.status !== "ACCEPTED")
        return stays(`Referral is ${referral.status}; it stays`);
      return {
        referral: await moveReferral(tx, referral, "REJECTED", actor, now, {
          patch: { rejectionReason: "LEAD_LOST" },
          data: { reason: "LEAD_LOST" },
        }),
        change: { ...base, to: "REJECTED" },
        valueCents,
      };
    case "CONVERTED":
      try {
        const r = await convertLocked(tx, referral, valueCents, actor, now);
        return { referral: r.referral, change: { ...base, to: r.referral.status, rewardId: r.reward.id }, valueCents };
      } catch (e) {
        // convertLocked refuses before it writes anything, so the transaction is still good.
        if (e instanceof AppError && (e.code === "invalid_state" || e.code === "conflict")) return stays(e.message);
        throw e;
      }
    default:
      return { referral, change: null, valueCents };
  }
}
