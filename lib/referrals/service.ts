import { and, eq, ne, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { leads, referrals } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { AppError, conflict, invalidState, notFound } from "@/lib/errors";
import { captureLead } from "@/lib/leads/service";
import { normalizeCode } from "@/lib/partners/code";
import { getPartnerById, resolveCode } from "@/lib/partners/service";
import type { Reward } from "@/lib/rewards/core";
import { lastSubmissionOf, signalsOnLink } from "@/lib/risk/link";
import { isUuid } from "@/lib/validation";
import { attachReferral } from "./attach";
import { conversionCents, convertLocked, type ConversionValue } from "./conversion";
import { lockReferral, moveReferral, referralPayload, type Referral } from "./core";
import type { CreateReferralInput } from "./schemas";

export type { Referral } from "./core";

const fieldError = (code: "validation" | "conflict", path: string, message: string) =>
  new AppError(code, message, { errors: [{ path, message }] });

/**
 * POST /referrals: partner id and code must belong together; with `lead` the lead is captured in the
 * same transaction (PENDING referral, rules applied), with `leadId` the referral is linked at once
 * (ACCEPTED, or REJECTED with the rule's reason), without either it waits PENDING for link-to-lead.
 */
export async function createReferral(
  db: DbOrTx,
  input: CreateReferralInput,
  actor: Actor,
  clock?: Clock,
): Promise<Referral> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const resolved = await resolveCode(tx, input.referralCode);
    if (!resolved.partner)
      throw fieldError("validation", "referralCode", `Unknown referral code ${normalizeCode(input.referralCode)}`);
    if (resolved.partner.id !== input.partnerId)
      throw fieldError("validation", "referralCode", "The referral code does not belong to this partner");
    if (!resolved.valid) throw invalidState("Partner", resolved.partner.status, "create referrals");
    const extra = {
      subId: input.subId,
      utmSource: input.utmSource,
      utmMedium: input.utmMedium,
      utmCampaign: input.utmCampaign,
      utmTerm: input.utmTerm,
      utmContent: input.utmContent,
    };
    if (input.lead) {
      if (input.lead.referralCode && normalizeCode(input.lead.referralCode) !== resolved.code)
        throw fieldError("validation", "lead.referralCode", "Differs from referralCode");
      const { referral } = await captureLead(
        tx,
        { ...input.lead, ...stripUndefined(extra), referralCode: resolved.code, source: input.source },
        { actor, channel: "PARTNER", now },
      );
      if (!referral) throw new AppError("internal", "Lead captured without its referral");
      if (input.notes) await tx.update(referrals).set({ notes: input.notes }).where(eq(referrals.id, referral.id));
      return { ...referral, notes: input.notes ?? referral.notes };
    }
    let lead = null;
    if (input.leadId) {
      [lead] = await tx.select().from(leads).where(eq(leads.id, input.leadId)).for("update");
      if (!lead) throw fieldError("validation", "leadId", "No lead with this id");
    }
    const { referral } = await attachReferral(
      tx,
      {
        partner: resolved.partner,
        code: resolved.code,
        source: input.source,
        lead,
        ipHash: lead ? (await lastSubmissionOf(tx, lead.id)).ipHash : null,
        notes: input.notes,
        initialStatus: lead ? "ACCEPTED" : "PENDING",
        ...extra,
      },
      actor,
      now,
    );
    return referral;
  });
}

const stripUndefined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function getReferralById(db: DbOrTx, id: string): Promise<Referral> {
  if (!isUuid(id)) throw notFound("Referral");
  const [r] = await db.select().from(referrals).where(eq(referrals.id, id));
  if (!r) throw notFound("Referral");
  return r;
}

/**
 * Link-to-lead: a PENDING referral without a lead takes an existing lead and becomes ACCEPTED, with the fraud
 * signals a lead sent with its code gets (lib/risk/link.ts).
 */
export async function linkToLead(
  db: DbOrTx,
  id: string,
  input: { leadId: string },
  actor: Actor,
  clock?: Clock,
): Promise<Referral> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const referral = await lockReferral(tx, id);
    if (referral.leadId && referral.leadId !== input.leadId)
      throw conflict("The referral is already linked to another lead");
    if (referral.status !== "PENDING") throw invalidState("Referral", referral.status, "link to a lead");
    if (!isUuid(input.leadId)) throw fieldError("validation", "leadId", "No lead with this id");
    const [lead] = await tx.select().from(leads).where(eq(leads.id, input.leadId)).for("update");
    if (!lead) throw fieldError("validation", "leadId", "No lead with this id");
    const [other] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.leadId, lead.id), ne(referrals.status, "REJECTED"), ne(referrals.id, referral.id)));
    if (other) throw fieldError("conflict", "leadId", "The lead is already linked to another referral");
    const partner = await getPartnerById(tx, referral.partnerId);
    const partnerPhone = partner.phone?.replace(/\D/g, "");
    if ((lead.email && lead.email === partner.email) || (lead.phone && lead.phone === partnerPhone))
      throw fieldError("conflict", "leadId", "A partner cannot refer themselves (SELF_REFERRAL)");
    const linked = await moveReferral(tx, referral, "ACCEPTED", actor, now, {
      patch: { leadId: lead.id },
      data: { leadId: lead.id },
      action: "referral.accepted",
    });
    await signalsOnLink(tx, linked, lead, now);
    return linked;
  });
}

export async function acceptReferral(db: DbOrTx, id: string, actor: Actor, clock?: Clock): Promise<Referral> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => moveReferral(tx, await lockReferral(tx, id), "ACCEPTED", actor, now));
}

export async function rejectReferral(
  db: DbOrTx,
  id: string,
  input: { reason: string },
  actor: Actor,
  clock?: Clock,
): Promise<Referral> {
  const now = nowOf(clock);
  return db.transaction(async (tx) =>
    moveReferral(tx, await lockReferral(tx, id), "REJECTED", actor, now, {
      patch: { rejectionReason: input.reason },
      data: { reason: input.reason },
    }),
  );
}

/** DELETE /referrals/{id}: only while PENDING, recorded as REJECTED with reason WITHDRAWN. */
export async function withdrawReferral(db: DbOrTx, id: string, actor: Actor, clock?: Clock): Promise<Referral> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const r = await lockReferral(tx, id);
    if (r.status !== "PENDING")
      throw invalidState("Referral", r.status, "withdraw (only PENDING referrals can be withdrawn)");
    return moveReferral(tx, r, "REJECTED", actor, now, {
      patch: { rejectionReason: "WITHDRAWN" },
      data: { reason: "WITHDRAWN" },
      action: "referral.withdrawn",
    });
  });
}

/**
 * Every overdue PENDING/ACCEPTED referral → EXPIRED, with its event and webhook, in one statement
 * (data-modifying CTEs), so a concurrent conversion either wins the row or sees it expired.
 */
export async function expireStale(db: DbOrTx, now: Date, actor: Actor): Promise<number> {
  const at = now.toISOString();
  const rows = rowsOf<{ n: number | string }>(
    await db.execute(sql`
      with expired as (
        update referrals r set status = 'EXPIRED', expired_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
        from (select id, status from referrals where status in ('PENDING', 'ACCEPTED') and expires_at <= ${at}::timestamptz for update) o
        where r.id = o.id and r.status in ('PENDING', 'ACCEPTED')
        returning r.id, o.status as from_status, r.partner_id, r.referral_code, r.lead_id, r.source, r.currency, r.sub_id, r.expires_at, r.created_at
      ), ev as (
        insert into events (actor_type, actor_id, actor_label, entity_type, entity_id, action, from_status, to_status, request_id, created_at)
        select ${actor.type}::actor_type, ${actor.id}, ${actor.label ?? null}, 'referral', id::text, 'referral.expired', from_status::text, 'EXPIRED', ${actor.requestId ?? null}, ${at}::timestamptz
        from expired
      ), hook as (
        insert into outbox (topic, event_type, payload)
        select 'webhook', 'referral.expired', jsonb_build_object('type', 'referral.expired', 'timestamp', ${at}::text, 'data',
          jsonb_build_object('id', id, 'partnerId', partner_id, 'referralCode', referral_code, 'leadId', lead_id, 'source', source,
            'status', 'EXPIRED', 'currency', currency, 'subId', sub_id, 'expiresAt', expires_at, 'createdAt', created_at))
        from expired
      )
      select count(*) as n from expired`),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Process-conversion (docs/domain-rules.md#conversion): referral → CONVERTED, its reward, and the linked
 * lead → CONVERTED, in one transaction. Idempotent (same value → same reward, `created: false`); a different value is a
 * conflict; concurrent calls serialise on the referral's row lock, so exactly one reward exists.
 */
export async function processConversion(
  db: DbOrTx,
  referralId: string,
  value: ConversionValue,
  actor: Actor,
  clock?: Clock,
): Promise<{ referral: Referral; reward: Reward; created: boolean }> {
  const cents = conversionCents(value);
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const result = await convertLocked(tx, await lockReferral(tx, referralId), cents, actor, now);
    const leadId = result.referral.leadId;
    if (leadId) {
      const [before] = await tx
        .select({ status: leads.status, value: leads.conversionValueCents })
        .from(leads)
        .where(eq(leads.id, leadId))
        .for("update");
      const value = result.reward.baseCents;
      if (before && (before.status !== "CONVERTED" || (value !== null && before.value !== value))) {
        await tx
          .update(leads)
          .set({
            status: "CONVERTED",
            conversionValueCents: value,
            updatedAt: now,
            ...(before.status !== "CONVERTED" ? { statusChangedAt: now } : {}),
          })
          .where(eq(leads.id, leadId));
        await recordEvent(tx, actor, {
          entityType: "lead",
          entityId: leadId,
          action: "lead.status_changed",
          fromStatus: before.status,
          toStatus: "CONVERTED",
          data: { via: "referral.converted", referralId, conversionValueCents: value },
          at: now,
        });
      }
    }
    return result;
  });
}

export { referralPayload };
