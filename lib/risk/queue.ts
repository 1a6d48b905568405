import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { leads, partners, referralClicks, referrals, rewards, riskSignals } from "@/db/schema";
import { maskEmail, maskName, maskPhone } from "@/lib/leads/mask";
import { getSettings } from "@/lib/settings";
import { riskRules } from "./rules";
import type { ReviewQueueQuery } from "./schemas";
import type { z } from "zod";
import type { reviewEntryJson } from "./schemas";

export type ReviewEntry = z.infer<typeof reviewEntryJson>;

type Head = { subject: "referral" | "partner"; id: string; partner_id: string; score: number; total: number };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The review queue (admins): referrals with open signals (scored with their partner's open partner-level
 * signals) and partners with open partner-level signals, highest score first, each with its evidence:
 * signals, click and timing, the lead masked as partners see it, rewards, and the other partners involved.
 */
export async function listReviewQueue(
  db: DbOrTx,
  q: ReviewQueueQuery,
): Promise<{ data: ReviewEntry[]; pagination: { page: number; pageSize: number; total: number; nextCursor: null } }> {
  const rules = riskRules((await getSettings(db)).riskRules);
  const heads = rowsOf<Head>(
    await db.execute(sql`
      with p as (
        select partner_id, sum(weight)::int as s, max(created_at) as last from risk_signals
        where status = 'OPEN' and referral_id is null group by partner_id
      ), r as (
        select referral_id, partner_id, sum(weight)::int as s, max(created_at) as last from risk_signals
        where status = 'OPEN' and referral_id is not null group by referral_id, partner_id
      ), e as (
        select 'referral' as subject, r.referral_id as id, r.partner_id, r.s + coalesce(p.s, 0) as score, r.last
        from r left join p using (partner_id)
        union all
        select 'partner', p.partner_id, p.partner_id, p.s, p.last from p
      )
      select subject, id, partner_id, score, count(*) over ()::int as total from e
      order by score desc, last desc, id
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
  );
  const pagination = { page: q.page, pageSize: q.pageSize, total: heads[0]?.total ?? 0, nextCursor: null };
  if (heads.length === 0) return { data: [], pagination };
  const referralIds = heads.filter((h) => h.subject === "referral").map((h) => h.id);
  const partnerIds = [...new Set(heads.map((h) => h.partner_id))];
  const none = ["00000000-0000-0000-0000-000000000000"];
  const [signals, refs, rewardRows] = await Promise.all([
    db
      .select()
      .from(riskSignals)
      .where(
        and(
          eq(riskSignals.status, "OPEN"),
          or(
            inArray(riskSignals.referralId, referralIds.length ? referralIds : none),
            and(isNull(riskSignals.referralId), inArray(riskSignals.partnerId, partnerIds)),
          ),
        ),
      )
      .orderBy(riskSignals.createdAt),
    db
      .select({
        id: referrals.id,
        code: referrals.referralCode,
        status: referrals.status,
        source: referrals.source,
        createdAt: referrals.createdAt,
        convertedAt: referrals.convertedAt,
        firstName: leads.firstName,
        lastName: leads.lastName,
        email: leads.email,
        phone: leads.phone,
        clickAt: referralClicks.createdAt,
        landingUrl: referralClicks.landingUrl,
        ipHash: referralClicks.ipHash,
      })
      .from(referrals)
      .leftJoin(leads, eq(leads.id, referrals.leadId))
      .leftJoin(referralClicks, eq(referralClicks.id, referrals.clickId))
      .where(inArray(referrals.id, referralIds.length ? referralIds : none)),
    db
      .select()
      .from(rewards)
      .where(
        or(
          inArray(rewards.referralId, referralIds.length ? referralIds : none),
          and(inArray(rewards.partnerId, partnerIds), eq(rewards.reviewHold, true)),
        ),
      ),
  ]);
  const others = new Set<string>();
  for (const s of signals)
    for (const p of ((s.evidence as { otherPartnerIds?: string[] }).otherPartnerIds ?? []).filter(Boolean))
      others.add(p);
  const people = await db
    .select({ id: partners.id, firstName: partners.firstName, lastName: partners.lastName, status: partners.status })
    .from(partners)
    .where(inArray(partners.id, [...new Set([...partnerIds, ...others])]));
  const personBy = new Map(people.map((p) => [p.id, p]));
  const nameOf = (id: string) => {
    const p = personBy.get(id);
    return p ? `${p.firstName} ${p.lastName}` : "Unknown partner";
  };
  const refBy = new Map(refs.map((r) => [r.id, r]));
  const data = heads.map((h): ReviewEntry => {
    const mine = signals.filter((s) =>
      h.subject === "referral"
        ? s.referralId === h.id || (s.referralId === null && s.partnerId === h.partner_id)
        : s.referralId === null && s.partnerId === h.partner_id,
    );
    const r = h.subject === "referral" ? refBy.get(h.id) : undefined;
    const w = rewardRows.filter((x) =>
      h.subject === "referral" ? x.referralId === h.id : x.partnerId === h.partner_id,
    );
    const involved = new Set(
      mine.flatMap((s) => ((s.evidence as { otherPartnerIds?: string[] }).otherPartnerIds ?? []).filter(Boolean)),
    );
    involved.delete(h.partner_id);
    const p = personBy.get(h.partner_id);
    return {
      subject: h.subject,
      id: h.id,
      score: Number(h.score),
      held: Number(h.score) >= rules.holdThreshold,
      partner: { id: h.partner_id, name: nameOf(h.partner_id), status: p?.status ?? "UNKNOWN" },
      referral: r
        ? {
            code: r.code,
            status: r.status,
            source: r.source,
            createdAt: iso(r.createdAt)!,
            convertedAt: iso(r.convertedAt),
            lead:
              r.firstName !== null
                ? {
                    name: Object.values(maskName(r.firstName, r.lastName ?? "")).join(" "),
                    email: maskEmail(r.email),
                    phone: maskPhone(r.phone),
                  }
                : null,
            click: r.clickAt
              ? { at: iso(r.clickAt)!, landingUrl: r.landingUrl, ipHash: r.ipHash ? `${r.ipHash.slice(0, 8)}…` : null }
              : null,
          }
        : null,
      rewards: w.map((x) => ({
        id: x.id,
        status: x.status,
        amountCents: x.amountCents,
        currency: x.currency,
        underReview: x.reviewHold,
      })),
      otherPartners: [...involved].map((id) => ({ id, name: nameOf(id) })),
      signals: mine.map((s) => ({
        id: s.id,
        kind: s.kind,
        weight: s.weight,
        evidence: s.evidence as Record<string, unknown>,
        createdAt: iso(s.createdAt)!,
      })),
    };
  });
  return { data, pagination };
}
