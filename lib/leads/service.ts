import { createHash } from "node:crypto";
import { and, desc, eq, gte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { atParam, param, reusable } from "@/db/reuse";
import { leadConsents, leads, referrals } from "@/db/schema";
import type { LeadStatus } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent, type EventInput } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import type { Settings } from "@/lib/settings";
import { notFound } from "@/lib/errors";
import { referralSourceFrom } from "@/lib/attribution/source";
import { hashIp } from "@/lib/attribution/ip-hash";
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
  /** The visitor's device cookie id (quote form only); its hash is what the fraud signals store. */
  deviceId?: string | null;
  /** Program settings when the caller has already read them (one read per request instead of one per step). */
  settings?: Settings;
}

/** A repeat submission of the same e-mail or phone within this window updates the lead instead. */
export const MERGE_WINDOW_HOURS = 24;

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The server plans statements per execution by default (db/index.ts: plan_cache_mode = force_custom_plan, for
 * analytics over ranges). Every statement of a capture is a lookup by key, so its transaction lets PostgreSQL
 * reuse a prepared statement's generic plan instead: planning was most of PostgreSQL's CPU per lead. Not async,
 * like lockIdentity: it goes out first, in the same write as the statements issued after it.
 */
function genericPlans(tx: DbOrTx): Promise<unknown> {
  return tx.execute(sql`set local plan_cache_mode = auto`).then(() => undefined);
}

/**
 * Serialises captures of the same person (e-mail, phone, external id) so two at once cannot both create a lead.
 * One statement for every key: a VALUES list is scanned in the order written, so the locks are always taken
 * in the same (sorted) order and two captures sharing keys cannot deadlock. Not async: the statement is handed
 * to the connection during the call (`.then` starts Drizzle's lazy query at once, `await` would a tick later), so
 * the merge lookups issued right after it run behind the locks.
 */
function lockIdentity(tx: DbOrTx, input: LeadInput): Promise<unknown> {
  const keys = [
    input.email && `e:${input.email}`,
    input.phone && `p:${input.phone}`,
    input.externalId && `x:${input.externalId}`,
  ]
    .filter((k): k is string => !!k)
    .sort();
  if (keys.length === 0) return Promise.resolve();
  const rows = sql.join(
    keys.map((k) => sql`(${"lead:" + k})`),
    sql`, `,
  );
  return tx.execute(sql`select pg_advisory_xact_lock(hashtext(k)) from (values ${rows}) as v(k)`).then(() => undefined);
}

const leadByExternalId = reusable("lead_by_external_id", (db) =>
  db
    .select()
    .from(leads)
    .where(eq(leads.externalId, param("externalId")))
    .for("update"),
);
const latestBy = (name: string, identity: typeof leads.email | typeof leads.phone) =>
  reusable(name, (db) =>
    db
      .select({ id: leads.id, createdAt: leads.createdAt })
      .from(leads)
      .where(and(eq(identity, param("value")), gte(leads.createdAt, param("since"))))
      .orderBy(desc(leads.createdAt))
      .limit(1),
  );
const latestByEmail = latestBy("lead_latest_by_email", leads.email);
const latestByPhone = latestBy("lead_latest_by_phone", leads.phone);
const leadForUpdate = reusable("lead_for_update", (db) =>
  db
    .select()
    .from(leads)
    .where(eq(leads.id, param("id")))
    .for("update"),
);

/**
 * The same person's lead from the last 24 hours: by external id, else the latest by e-mail or by phone.
 * E-mail and phone are two lookups, each on its own index (leads_email_idx, leads_phone_idx on
 * (identity, created_at)), sent together. One `email = … or phone = …` statement leaves the choice of index to
 * the planner, and without table statistics it walked leads_created_at_idx back over a day of leads instead.
 * Only the lead chosen is locked (read again FOR UPDATE): locking both matches would let two captures whose
 * e-mail and phone cross (x/p2 and y/p1, their identity locks disjoint) take two rows in opposite orders.
 */
async function findMergeTarget(tx: DbOrTx, input: LeadInput, now: Date): Promise<Lead | undefined> {
  if (input.externalId) {
    const [byExt] = await leadByExternalId(tx, { externalId: input.externalId });
    if (byExt) return byExt;
  }
  const since = atParam(new Date(now.getTime() - MERGE_WINDOW_HOURS * 3_600_000));
  const found = await Promise.all([
    input.email ? latestByEmail(tx, { value: input.email, since }) : [],
    input.phone ? latestByPhone(tx, { value: input.phone, since }) : [],
  ]);
  const latest = found
    .flat()
    .reduce<{ id: string; createdAt: Date } | undefined>(
      (best, l) => (!best || l.createdAt > best.createdAt ? l : best),
      undefined,
    );
  if (!latest) return undefined;
  const [lead] = await leadForUpdate(tx, { id: latest.id });
  return lead;
}

/** A new lead, every column given (absent ones as null): one statement shape, built once. */
const insertLead = reusable("lead_insert", (db) =>
  db
    .insert(leads)
    .values({
      firstName: param("firstName"),
      lastName: param("lastName"),
      email: param("email"),
      phone: param("phone"),
      state: param("state"),
      zip: param("zip"),
      message: param("message"),
      externalId: param("externalId"),
      insuranceType: param("insuranceType"),
      status: "NEW",
      statusChangedAt: param("at"),
      createdAt: param("at"),
      updatedAt: param("at"),
    })
    .returning(),
);

const insertConsent = reusable("lead_consent_insert", (db) =>
  db
    .insert(leadConsents)
    .values({
      leadId: param("leadId"),
      textVersion: param("textVersion"),
      textHash: param("textHash"),
      consentedAt: param("at"),
      ip: param("ip"),
      userAgent: param("userAgent"),
      pageUrl: param("pageUrl"),
      channel: param("channel"),
    })
    .returning({ id: leadConsents.id }),
);

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
    // so the lookups (built-once statements, handed over during the call) still run only once the locks are held.
    const [, , existing] = await Promise.all([
      genericPlans(tx),
      lockIdentity(tx, input),
      findMergeTarget(tx, input, now),
    ]);
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
      [lead] = await insertLead(tx, {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email || null,
        phone: input.phone || null,
        state: input.state || null,
        zip: input.zip || null,
        message: input.message || null,
        externalId: input.externalId || null,
        insuranceType: input.insuranceType,
        at: atParam(now),
      });
    }
    // The consent row and the code lookup do not depend on each other: sent together, one wait.
    const [[consent], resolved] = await Promise.all([
      insertConsent(tx, {
        leadId: lead.id,
        textVersion: input.consent.textVersion,
        textHash: sha256Hex(ctx.consentText ?? input.consent.textVersion),
        at: atParam(now),
        ip: input.consent.ip ?? ctx.ip ?? null,
        userAgent: input.consent.userAgent ?? ctx.userAgent ?? null,
        pageUrl: input.consent.pageUrl ?? ctx.pageUrl ?? null,
        channel: ctx.channel,
      }),
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
            ipHash: hashIp(input.consent.ip ?? ctx.ip),
            deviceId: ctx.deviceId ?? null,
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
