import { randomUUID } from "node:crypto";
import { and, desc, inArray, or, sql, type AnyColumn } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import {
  events,
  inboundWebhooks,
  leadConsents,
  leads,
  outbox,
  rateLimits,
  riskIdentities,
  referralClicks,
  referrals,
  webhookDeliveries,
} from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvents } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { maskedSubject, personRecords, tokenPatterns, tokensOf, type PersonRecords, type PersonTokens } from "./person";
import type { PrivacyEraseInput, PrivacySubject } from "./schemas";
import { ERASED, scrubEverywhere } from "./scrub";

/** `column::text ILIKE ANY(patterns)` for any of the columns. */
function mentions(columns: AnyColumn[], patterns: string[]) {
  if (!patterns.length) return sql`false`;
  const list = sql.join(
    patterns.map((p) => sql`${p}`),
    sql`, `,
  );
  return or(...columns.map((c) => sql`${c}::text ilike any (array[${list}])`))!;
}

/** Serialises with lead capture of the same person (the same advisory locks captureLead takes). */
async function lockSubject(tx: DbOrTx, s: PrivacySubject) {
  for (const k of [s.email && `lead:e:${s.email}`, s.phone && `lead:p:${s.phone}`].filter(Boolean).sort())
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${k}))`);
}

/**
 * Every record about one person: their leads, consents, referrals and referral-link clicks, the audit events of
 * those rows, and the webhook payloads (outbound, delivered, inbound) that mention them. The request is audited
 * with masked references only.
 */
export async function exportPerson(db: Db, subject: PrivacySubject, actor: Actor, clock?: Clock) {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const r = await personRecords(tx, subject);
    const patterns = tokenPatterns(tokensOf(r, subject));
    const ids = tokensOf(r).ids;
    const [audit, outgoing, delivered, inbound] = await Promise.all([
      ids.length
        ? tx.select().from(events).where(inArray(events.entityId, ids)).orderBy(desc(events.createdAt))
        : Promise.resolve([]),
      tx
        .select({ id: outbox.id, eventType: outbox.eventType, createdAt: outbox.createdAt, payload: outbox.payload })
        .from(outbox)
        .where(mentions([outbox.payload], patterns)),
      tx
        .select({
          id: webhookDeliveries.id,
          endpointId: webhookDeliveries.endpointId,
          eventType: webhookDeliveries.eventType,
          status: webhookDeliveries.status,
          createdAt: webhookDeliveries.createdAt,
          payload: webhookDeliveries.payload,
        })
        .from(webhookDeliveries)
        .where(mentions([webhookDeliveries.payload], patterns)),
      tx
        .select()
        .from(inboundWebhooks)
        .where(mentions([inboundWebhooks.payload, inboundWebhooks.result], patterns)),
    ]);
    const requestId = randomUUID();
    const counts = {
      leads: r.leads.length,
      consents: r.consents.length,
      referrals: r.referrals.length,
      clicks: r.clicks.length,
      events: audit.length,
      webhookPayloads: outgoing.length + delivered.length + inbound.length,
    };
    await recordEvents(tx, actor, [
      {
        entityType: "privacy_request",
        entityId: requestId,
        action: "privacy.exported",
        data: { subject: maskedSubject(subject), leadIds: r.leads.map((l) => l.id), counts },
        at: now,
      },
    ]);
    return {
      requestId,
      generatedAt: now,
      subject,
      counts,
      leads: r.leads,
      consents: r.consents,
      referrals: r.referrals,
      clicks: r.clicks,
      events: audit,
      webhookPayloads: { outbound: outgoing, deliveries: delivered, inbound },
    };
  });
}
export type PersonExport = Awaited<ReturnType<typeof exportPerson>>;

/**
 * Replaces the personal data of the given records, in the caller's transaction. Kept: the lead's id, state,
 * insurance type, status and value; each consent's version, hash, time and channel; every referral, reward and
 * payout (the money trail). Gone: names, e-mail, phone, ZIP, message, external id, consent IP / user agent / page,
 * the clicks' IP hash, user agent, landing page and referrer, the fraud checks' identity hashes, and every copy of
 * those in payloads and audit data.
 */
export async function anonymiseRecords(tx: DbOrTx, r: PersonRecords, t: PersonTokens, now: Date) {
  const leadIds = r.leads.map((l) => l.id);
  if (!leadIds.length) return { leads: 0, consents: 0, clicks: 0, scrubbed: {} as Record<string, number> };
  await tx
    .update(leads)
    .set({
      firstName: ERASED,
      lastName: "",
      email: null,
      phone: null,
      zip: null,
      message: null,
      externalId: null,
      anonymisedAt: now,
      updatedAt: now,
    })
    .where(inArray(leads.id, leadIds));
  await tx
    .update(leadConsents)
    .set({ ip: null, userAgent: null, pageUrl: null })
    .where(inArray(leadConsents.leadId, leadIds));
  await tx.update(referrals).set({ notes: null }).where(inArray(referrals.leadId, leadIds));
  if (r.clicks.length)
    await tx
      .update(referralClicks)
      .set({ ipHash: null, userAgent: null, landingUrl: null, referrer: null })
      .where(
        inArray(
          referralClicks.id,
          r.clicks.map((c) => c.id),
        ),
      );
  // The fraud checks' identity index (hashed e-mail, phone, IP per referral): the person's entries go.
  const referralIds = r.referrals.map((f) => f.id);
  if (referralIds.length) await tx.delete(riskIdentities).where(inArray(riskIdentities.referralId, referralIds));
  const ips = r.consents.map((c) => c.ip).filter((ip): ip is string => !!ip);
  if (ips.length)
    await tx.delete(rateLimits).where(
      mentions(
        [rateLimits.key],
        ips.map((ip) => `%${ip}%`),
      ),
    );
  const scrubbed = await scrubEverywhere(tx, t);
  return { leads: leadIds.length, consents: r.consents.length, clicks: r.clicks.length, scrubbed };
}

/**
 * An erasure request: anonymises the person's leads, consents, clicks and payload copies in one transaction, and
 * writes the audit (one event per lead, one for the request) with masked references only. A person with no
 * records still gets an audited request (proof it was handled).
 */
export async function erasePerson(db: Db, input: PrivacyEraseInput, actor: Actor, clock?: Clock) {
  const now = nowOf(clock);
  const subject: PrivacySubject = { email: input.email, phone: input.phone };
  return db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const r = await personRecords(tx, subject, true);
    const result = await anonymiseRecords(tx, r, tokensOf(r, subject), now);
    const requestId = randomUUID();
    await recordEvents(tx, actor, [
      ...r.leads.map((l) => ({
        entityType: "lead" as const,
        entityId: l.id,
        action: "lead.anonymised",
        data: { privacyRequestId: requestId, via: "ERASURE_REQUEST" },
        at: now,
      })),
      {
        entityType: "privacy_request",
        entityId: requestId,
        action: "privacy.erased",
        data: { subject: maskedSubject(subject), reason: input.reason, leadIds: r.leads.map((l) => l.id), ...result },
        at: now,
      },
    ]);
    return { requestId, ...result };
  });
}

/** Leads that never converted, past the retention period, whose person has no converted or newer lead. */
export async function staleLeads(tx: DbOrTx, cutoff: Date, limit: number) {
  const other = sql`select 1 from ${leads} o where o.id <> ${leads.id}
    and (o.email = ${leads.email} or o.phone = ${leads.phone})
    and (o.status = 'CONVERTED' or o.created_at >= ${cutoff.toISOString()}::timestamptz)`;
  return tx
    .select()
    .from(leads)
    .where(
      and(
        sql`${leads.anonymisedAt} is null`,
        sql`${leads.createdAt} < ${cutoff.toISOString()}::timestamptz`,
        sql`${leads.status} <> 'CONVERTED'`,
        sql`not exists (select 1 from ${referrals} f where f.lead_id = ${leads.id} and f.status in ('CONVERTED', 'PAID'))`,
        sql`not exists (${other})`,
      ),
    )
    .orderBy(leads.createdAt)
    .limit(limit)
    .for("update", { skipLocked: true });
}
