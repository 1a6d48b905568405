import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { leadConsents, type leads } from "@/db/schema";
import { hashIp } from "@/lib/attribution/ip-hash";
import { getSettings } from "@/lib/settings";
import { signalsAtCapture } from "./capture";
import { riskRules } from "./rules";

/** The lead's latest submission: the visitor's IP hash and when they sent it (the consent is kept per submission). */
export async function lastSubmissionOf(
  tx: DbOrTx,
  leadId: string,
): Promise<{ ipHash: string | null; at: Date | null }> {
  const [c] = await tx
    .select({ ip: leadConsents.ip, at: leadConsents.consentedAt })
    .from(leadConsents)
    .where(eq(leadConsents.leadId, leadId))
    .orderBy(desc(leadConsents.consentedAt))
    .limit(1);
  return { ipHash: hashIp(c?.ip), at: c?.at ?? null };
}

/**
 * The capture-time signals of a referral that takes an existing lead later (link-to-lead): the same checks as a
 * lead sent with its code (docs/fraud-review.md), from the lead's identities and its latest submission's IP and
 * time. The device cookie is known only at the quote form, so it is not part of a later link.
 */
export async function signalsOnLink(
  tx: DbOrTx,
  referral: { id: string; partnerId: string; clickId: string | null },
  lead: typeof leads.$inferSelect,
  now: Date,
): Promise<number> {
  const [s, sent] = await Promise.all([getSettings(tx), lastSubmissionOf(tx, lead.id)]);
  return signalsAtCapture(
    tx,
    {
      referralId: referral.id,
      partnerId: referral.partnerId,
      clickId: referral.clickId,
      email: lead.email,
      phone: lead.phone,
      ipHash: sent.ipHash,
      submittedAt: sent.at ?? lead.createdAt,
      rejectionReason: null,
    },
    riskRules(s.riskRules),
    now,
  );
}
