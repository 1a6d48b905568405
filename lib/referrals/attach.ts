import { and, eq, ne, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { leads, referrals } from "@/db/schema";
import type { ReferralSource, ReferralStatus } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvents, type EventInput } from "@/lib/audit/events";
import { addDays } from "@/lib/clock";
import { enqueueWebhookEvents, type WebhookEventType } from "@/lib/outbox/enqueue";
import type { Partner } from "@/lib/partners/service";
import { getSettings, type Settings } from "@/lib/settings";
import { normalizePhone } from "@/lib/validation";
import { referralPayload, type Referral } from "./core";

type Lead = typeof leads.$inferSelect;

export interface AttachInput {
  partner: Partner;
  /** The code as used (current or alias), upper-case. */
  code: string;
  source: ReferralSource;
  lead?: Lead | null;
  /** The lead row was inserted in this transaction: it cannot have a referral yet (saves a lookup). */
  leadIsNew?: boolean;
  /** Program settings when the caller has already read them. */
  settings?: Pick<Settings, "leadOwnershipDays" | "referralExpiryDays">;
  clickId?: string | null;
  subId?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  utmTerm?: string | null;
  utmContent?: string | null;
  notes?: string | null;
  /** The caller's own events, written with the new referral's event in one insert (not when none is created). */
  alsoRecord?: (referral: Referral) => EventInput[];
  /** Status of a referral that passes every rule: PENDING, or ACCEPTED when linked on creation. */
  initialStatus?: "PENDING" | "ACCEPTED";
}

/**
 * Why a referral of `partner` for `lead` must be recorded as REJECTED, or `null` when it may live.
 * Order: partner status, self-referral, the lead row's own live referral, then ownership of the same
 * person (e-mail or phone) by another partner's live referral within the ownership window.
 */
async function rejectionFor(
  tx: DbOrTx,
  partner: Partner,
  lead: Lead | null | undefined,
  leadIsNew: boolean,
  now: Date,
  leadOwnershipDays: number,
): Promise<string | "SAME_PARTNER" | null> {
  if (partner.status !== "ACTIVE") return `PARTNER_${partner.status}`;
  if (!lead) return null;
  const partnerPhone = normalizePhone(partner.phone);
  if ((lead.email && lead.email === partner.email) || (lead.phone && partnerPhone && lead.phone === partnerPhone))
    return "SELF_REFERRAL";
  if (!leadIsNew) {
    const [live] = await tx
      .select({ partnerId: referrals.partnerId })
      .from(referrals)
      .where(and(eq(referrals.leadId, lead.id), ne(referrals.status, "REJECTED")));
    if (live) return live.partnerId === partner.id ? "SAME_PARTNER" : "DUPLICATE_LEAD";
  }
  const since = addDays(now, -leadOwnershipDays);
  // Each identity by its own index (leads_email_idx / leads_phone_idx), then that person's live referrals.
  const same = [
    lead.email ? sql`select id from leads where email = ${lead.email}` : null,
    lead.phone ? sql`select id from leads where phone = ${lead.phone}` : null,
  ].filter((q) => q !== null);
  const owned = rowsOf<{ n: number }>(
    await tx.execute(sql`
      select 1 as n from referrals r
      where r.lead_id in (${sql.join(same, sql` union `)})
        and r.partner_id <> ${partner.id} and r.status in ('PENDING','ACCEPTED','CONVERTED','PAID')
        and r.created_at >= ${since.toISOString()}::timestamptz
      limit 1`),
  );
  return owned.length > 0 ? "DUPLICATE_LEAD" : null;
}

/**
 * Records a referral for a partner (and a lead, if any) applying every attribution rule; the caller
 * holds the transaction and, when a lead is given, has locked it. A referral the rules refuse is still
 * stored as REJECTED with its reason so the partner and the admin can see why. Returns the existing
 * referral when the same partner already holds this lead.
 */
export async function attachReferral(
  tx: DbOrTx,
  input: AttachInput,
  actor: Actor,
  now: Date,
): Promise<{ referral: Referral; created: boolean }> {
  const { leadOwnershipDays, referralExpiryDays } = input.settings ?? (await getSettings(tx));
  const reason = await rejectionFor(tx, input.partner, input.lead, input.leadIsNew ?? false, now, leadOwnershipDays);
  if (reason === "SAME_PARTNER") {
    const [existing] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.leadId, input.lead!.id), ne(referrals.status, "REJECTED")));
    return { referral: existing, created: false };
  }
  const status: ReferralStatus = reason ? "REJECTED" : (input.initialStatus ?? "PENDING");
  const [referral] = await tx
    .insert(referrals)
    .values({
      partnerId: input.partner.id,
      referralCode: input.code,
      leadId: input.lead?.id ?? null,
      clickId: input.clickId ?? null,
      source: input.source,
      status,
      rejectionReason: reason,
      subId: input.subId ?? null,
      utmSource: input.utmSource ?? null,
      utmMedium: input.utmMedium ?? null,
      utmCampaign: input.utmCampaign ?? null,
      utmTerm: input.utmTerm ?? null,
      utmContent: input.utmContent ?? null,
      notes: input.notes ?? null,
      currency: input.partner.currency,
      expiresAt: addDays(now, referralExpiryDays),
      acceptedAt: status === "ACCEPTED" ? now : null,
      rejectedAt: status === "REJECTED" ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const webhooks: { type: WebhookEventType; data: Record<string, unknown> }[] = [
    { type: "referral.created", data: referralPayload(referral) },
  ];
  if (status === "REJECTED") webhooks.push({ type: "referral.rejected", data: referralPayload(referral) });
  if (status === "ACCEPTED") webhooks.push({ type: "referral.accepted", data: referralPayload(referral) });
  // Two independent inserts of one transaction: sent together (postgres.js pipelines them), one wait.
  await Promise.all([
    recordEvents(tx, actor, [
      {
        entityType: "referral",
        entityId: referral.id,
        action: "referral.created",
        toStatus: status,
        data: { leadId: referral.leadId, referralCode: input.code, ...(reason ? { reason } : {}) },
        at: now,
      },
      ...(input.alsoRecord?.(referral) ?? []),
    ]),
    enqueueWebhookEvents(tx, webhooks),
  ]);
  return { referral, created: true };
}
