import { createHash } from "node:crypto";
import { and, desc, eq, gte, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { leadConsents, leads, referrals } from "@/db/schema";
import type { LeadStatus } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent, type EventInput } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import type { Settings } from "@/lib/settings";
import { notFound } from "@/lib/errors";
import { referralSourceFrom } from "@/lib/attribution/source";
import { resolveCode } from "@/lib/partners/service";
import { attachReferral } from "@/lib/referrals/attach";
import type { Referral } from "@/lib/referrals/core";
import { isUuid } from "@/lib/validation";
import { followLeadStatus, type ReferralFollow } from "./follow";
import type { LeadInput, LeadStatusInput } from "./schemas";

export type Lead = typeof leads.$inferSelect;
export type LeadConsent = typeof leadConsents.$inferSelect;
export type LeadChannel = "FORM" | "API" | "PARTNER" | "WEBHOOK";

export interface CaptureContext extends Clock {
  actor: Actor;
  channel: LeadChannel;
  ip?: string | null;
  userAgent?: string | null;
  pageUrl?: string | null;
  /** The exact consent text shown; its SHA-256 is stored. Integrations attest to a version only: its name is hashed. */
  consentText?: string | null;
  clickId?: string | null;
  /** Program settings when the caller has already read them (one read per request instead of one per step). */
  settings?: Settings;
}

/** A repeat submission of the same e-mail or phone within this window updates the lead instead. */
export const MERGE_WINDOW_HOURS = 24;

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Serialises captures of the same person (e-mail, phone, external id) so two at once cannot both create a lead.
 * One statement for every key: a VALUES list is scanned in the order written, so the locks are always taken
 * in the same (sorted) order and two captures sharing keys cannot deadlock.
 */
async function lockIdentity(tx: DbOrTx, input: LeadInput) {
  const keys = [
    input.email && `e:${input.email}`,
    input.phone && `p:${input.phone}`,
    input.externalId && `x:${input.externalId}`,
  ]
    .filter((k): k is string => !!k)
    .sort();
  if (keys.length === 0) return;
  const rows = sql.join(
    keys.map((k) => sql`(${"lead:" + k})`),
    sql`, `,
  );
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(k)) from (values ${rows}) as v(k)`);
}

async function findMergeTarget(tx: DbOrTx, input: LeadInput, now: Date): Promise<Lead | undefined> {
  if (input.externalId) {
    const [byExt] = await tx.select().from(leads).where(eq(leads.externalId, input.externalId)).for("update");
    if (byExt) return byExt;
  }
  const same = [
    input.email ? eq(leads.email, input.email) : undefined,
    input.phone ? eq(leads.phone, input.phone) : undefined,
  ].filter((c) => !!c);
  const since = new Date(now.getTime() - MERGE_WINDOW_HOURS * 3_600_000);
  const [recent] = await tx
    .select()
    .from(leads)
    .where(and(or(...same), gte(leads.createdAt, since)))
    .orderBy(desc(leads.createdAt))
    .limit(1)
    .for("update");
  return recent;
}

/**
 * Stores a lead from any door (quote form, API, partner, CRM webhook) in one transaction: the lead
 * (or an update of the same person's lead from the last 24 hours), a new consent row every time, and
 * the referral its code earns. The lead is never lost: unknown codes save it without a referral,
 * inactive partners, self-referrals and leads owned by another partner save it with a REJECTED referral.
 */
export async function captureLead(
  db: DbOrTx,
  input: LeadInput,
  ctx: CaptureContext,
): Promise<{ lead: Lead; referral: Referral | null; merged: boolean }> {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    // Sent together: one connection runs a transaction's statements in the order they were issued,
    // so the lookup still runs only once the identity locks are held.
    const [, existing] = await Promise.all([lockIdentity(tx, input), findMergeTarget(tx, input, now)]);
    const fields = {
      firstName: input.firstName,
      lastName: input.lastName,
      ...(input.email ? { email: input.email } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.state ? { state: input.state } : {}),
      ...(input.zip ? { zip: input.zip } : {}),
      ...(input.message ? { message: input.message } : {}),
      ...(input.externalId ? { externalId: input.externalId } : {}),
      insuranceType: input.insuranceType,
    };
    let lead: Lead;
    if (existing) {
      if (existing.externalId && input.externalId && existing.externalId !== input.externalId) delete fields.externalId;
      [lead] = await tx
        .update(leads)
        .set({ ...fields, updatedAt: now })
        .where(eq(leads.id, existing.id))
        .returning();
    } else {
      [lead] = await tx
        .insert(leads)
        .values({ ...fields, status: "NEW", statusChangedAt: now, createdAt: now, updatedAt: now })
        .returning();
    }
    // The consent row and the code lookup do not depend on each other: sent together, one wait.
    const [[consent], resolved] = await Promise.all([
      tx
        .insert(leadConsents)
        .values({
          leadId: lead.id,
          textVersion: input.consent.textVersion,
          textHash: sha256Hex(ctx.consentText ?? input.consent.textVersion),
          consentedAt: now,
          ip: input.consent.ip ?? ctx.ip ?? null,
          userAgent: input.consent.userAgent ?? ctx.userAgent ?? null,
          pageUrl: input.consent.pageUrl ?? ctx.pageUrl ?? null,
          channel: ctx.channel,
        })
        .returning({ id: leadConsents.id }),
      input.referralCode ? resolveCode(tx, input.referralCode) : null,
    ]);

    let referral: Referral | null = null;
    let codeResult: string | null = null;
    const leadEvent = (referralId: string | null): EventInput => ({
      entityType: "lead",
      entityId: lead.id,
      action: existing ? "lead.merged" : "lead.created",
      toStatus: existing ? null : "NEW",
      data: {
        channel: ctx.channel,
        consentId: consent.id,
        referralCode: input.referralCode ?? null,
        codeResult,
        referralId,
      },
      at: now,
    });
    let leadEventWritten = false;
    if (resolved) {
      codeResult = resolved.valid ? "VALID" : resolved.reason;
      if (resolved.partner) {
        let created: boolean;
        ({ referral, created } = await attachReferral(
          tx,
          {
            partner: resolved.partner,
            code: resolved.code,
            source: referralSourceFrom(input.source ?? input.utmSource),
            lead,
            leadIsNew: !existing,
            settings: ctx.settings,
            alsoRecord: (r) => [leadEvent(r.id)],
            clickId: isUuid(ctx.clickId) ? ctx.clickId : null,
            subId: input.subId,
            utmSource: input.utmSource,
            utmMedium: input.utmMedium,
            utmCampaign: input.utmCampaign,
            utmTerm: input.utmTerm,
            utmContent: input.utmContent,
          },
          ctx.actor,
          now,
        ));
        leadEventWritten = created;
      }
    }
    // A new referral's insert already wrote the lead's event with its own (one statement).
    if (!leadEventWritten) await recordEvent(tx, ctx.actor, leadEvent(referral?.id ?? null));
    return { lead, referral, merged: !!existing };
  });
}

export async function getLeadById(db: DbOrTx, id: string): Promise<Lead> {
  if (!isUuid(id)) throw notFound("Lead");
  const [lead] = await db.select().from(leads).where(eq(leads.id, id));
  if (!lead) throw notFound("Lead");
  return lead;
}

/** The lead's one live (not REJECTED) referral, if any. */
export async function liveReferralOfLead(db: DbOrTx, leadId: string, lock = false): Promise<Referral | undefined> {
  const q = db
    .select()
    .from(referrals)
    .where(and(eq(referrals.leadId, leadId), ne(referrals.status, "REJECTED")));
  const [r] = lock ? await q.for("update") : await q;
  return r;
}

/**
 * A lead's status change (admin, integration key, CRM webhook; never a partner) and, in the same
 * transaction, what it means for the lead's referral: QUALIFIED/QUOTED → ACCEPTED, CONVERTED → conversion
 * (+ reward, PENDING without a value), LOST → REJECTED (LEAD_LOST). When the referral cannot follow, the
 * lead is still saved and the event says why. Repeating the current status is a no-op.
 */
export async function changeLeadStatus(
  db: DbOrTx,
  leadId: string,
  input: Pick<LeadStatusInput, "status" | "conversionValue" | "conversionValueCents">,
  actor: Actor,
  clock?: Clock,
): Promise<{ lead: Lead; referral: Referral | null; referralChange: ReferralFollow | null }> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    if (!isUuid(leadId)) throw notFound("Lead");
    const [before] = await tx.select().from(leads).where(eq(leads.id, leadId)).for("update");
    if (!before) throw notFound("Lead");
    const to: LeadStatus = input.status;
    const follow = await followLeadStatus(tx, before, input, actor, now);
    if (to === before.status && follow.valueCents === null) {
      return { lead: before, referral: follow.referral, referralChange: null };
    }
    const [lead] = await tx
      .update(leads)
      .set({
        status: to,
        updatedAt: now,
        ...(to !== before.status ? { statusChangedAt: now } : {}),
        ...(follow.valueCents !== null ? { conversionValueCents: follow.valueCents } : {}),
      })
      .where(eq(leads.id, leadId))
      .returning();
    await recordEvent(tx, actor, {
      entityType: "lead",
      entityId: leadId,
      action: "lead.status_changed",
      fromStatus: before.status,
      toStatus: to,
      data: { conversionValueCents: follow.valueCents, referral: follow.change },
      at: now,
    });
    return { lead, referral: follow.referral, referralChange: follow.change };
  });
}
