import { and, eq, ne, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { atParam, param, reusable } from "@/db/reuse";
import { leads, referrals } from "@/db/schema";
import type { ReferralSource, ReferralStatus } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvents, type EventInput } from "@/lib/audit/events";
import { addDays } from "@/lib/clock";
import { enqueueWebhookEvents, type WebhookEventType } from "@/lib/outbox/enqueue";
import type { Partner } from "@/lib/partners/service";
import { getSettings, type Settings } from "@/lib/settings";
import { normalizePhone } from "@/lib/validation";
import { signalsAtCapture } from "@/lib/risk/capture";
import { riskRules } from "@/lib/risk/rules";
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
  settings?: Pick<Settings, "leadOwnershipDays" | "referralExpiryDays" | "riskRules">;
  clickId?: string | null;
  /** Salted hash of the visitor's IP, for the fraud signals. */
  ipHash?: string | null;
  /** The visitor's device cookie id, for the shared-identity signal (hashed when stored). */
  deviceId?: string | null;
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
  // Each identity by its own index (leads_email_idx / leads_phone_idx), then, per lead found, its referrals by
  // referrals_lead_idx: the lateral join keeps that order whatever the statistics say (without them the planner
  // combined the status and created_at indexes over every recent referral).
  const same = [
    lead.email ? sql`select id from leads where email = ${lead.email}` : null,
    lead.phone ? sql`select id from leads where phone = ${lead.phone}` : null,
  ].filter((q) => q !== null);
  const owned = rowsOf<{ n: number }>(
    await tx.execute(sql`
      select 1 as n from (${sql.join(same, sql` union all `)}) as same
      cross join lateral (
        select 1 from referrals r
        where r.lead_id = same.id
          and r.partner_id <> ${partner.id} and r.status in ('PENDING','ACCEPTED','CONVERTED','PAID')
          and r.created_at >= ${since.toISOString()}::timestamptz
        limit 1) as owned
      limit 1`),
  );
  return owned.length > 0 ? "DUPLICATE_LEAD" : null;
}

/** A new referral, every column given: one statement shape, built once. */
const insertReferral = reusable("referral_insert", (db) =>
  db
    .insert(referrals)
    .values({
      partnerId: param("partnerId"),
      referralCode: param("referralCode"),
      leadId: param("leadId"),
      clickId: param("clickId"),
      source: param("source"),
      status: param("status"),
      rejectionReason: param("rejectionReason"),
      subId: param("subId"),
      utmSource: param("utmSource"),
      utmMedium: param("utmMedium"),
      utmCampaign: param("utmCampaign"),
      utmTerm: param("utmTerm"),
      utmContent: param("utmContent"),
      notes: param("notes"),
      currency: param("currency"),
      expiresAt: param("expiresAt"),
      acceptedAt: param("acceptedAt"),
      rejectedAt: param("rejectedAt"),
      createdAt: param("at"),
      updatedAt: param("at"),
    })
    .returning(),
);

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
  const s = input.settings ?? (await getSettings(tx));
  const { leadOwnershipDays, referralExpiryDays } = s;
  const reason = await rejectionFor(tx, input.partner, input.lead, input.leadIsNew ?? false, now, leadOwnershipDays);
  if (reason === "SAME_PARTNER") {
    const [existing] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.leadId, input.lead!.id), ne(referrals.status, "REJECTED")));
    return { referral: existing, created: false };
  }
  const status: ReferralStatus = reason ? "REJECTED" : (input.initialStatus ?? "PENDING");
  const [referral] = await insertReferral(tx, {
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
    expiresAt: atParam(addDays(now, referralExpiryDays)),
    acceptedAt: atParam(status === "ACCEPTED" ? now : null),
    rejectedAt: atParam(status === "REJECTED" ? now : null),
    at: atParam(now),
  });
  const webhooks: { type: WebhookEventType; data: Record<string, unknown> }[] = [
    { type: "referral.created", data: referralPayload(referral) },
  ];
  if (status === "REJECTED") webhooks.push({ type: "referral.rejected", data: referralPayload(referral) });
  if (status === "ACCEPTED") webhooks.push({ type: "referral.accepted", data: referralPayload(referral) });
  // Independent statements of one transaction: sent together (postgres.js pipelines them), one wait.
  await Promise.all([
    input.lead
      ? signalsAtCapture(
          tx,
          {
            referralId: referral.id,
            partnerId: referral.partnerId,
            clickId: referral.clickId,
            email: input.lead.email,
            phone: input.lead.phone,
            ipHash: input.ipHash ?? null,
            deviceId: input.deviceId ?? null,
            rejectionReason: reason,
          },
          riskRules(s.riskRules),
          now,
        )
      : null,
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
