import "server-only";
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { REFERRAL_SOURCES, REFERRAL_STATUSES, leads, partners, referrals, rewards } from "@/db/schema";
import { entityTimeline } from "@/lib/audit/queries";
import { enumList, isoFrom, isoTo, likeOf, pageInput, sortParam, parseInput, COUNT_CAP, capped } from "./pagination";

export const referralListSchema = z
  .object({
    status: enumList(REFERRAL_STATUSES, "status").optional(),
    source: enumList(REFERRAL_SOURCES, "source").optional(),
    partnerId: z.uuid("partnerId must be a UUID").optional(),
    leadId: z.uuid("leadId must be a UUID").optional(),
    /** Referral code, partner name or lead name / e-mail. */
    q: z.string().trim().min(1).max(100).optional(),
    from: isoFrom.optional(),
    to: isoTo.optional(),
    sort: sortParam(["createdAt", "status", "conversionValueCents"], "-createdAt"),
    ...pageInput,
  })
  .strict();
export type ReferralListInput = z.input<typeof referralListSchema>;

function whereOf(f: z.infer<typeof referralListSchema>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.status) conds.push(inArray(referrals.status, f.status));
  if (f.source) conds.push(inArray(referrals.source, f.source));
  if (f.partnerId) conds.push(eq(referrals.partnerId, f.partnerId));
  if (f.leadId) conds.push(eq(referrals.leadId, f.leadId));
  if (f.from) conds.push(gte(referrals.createdAt, f.from));
  if (f.to) conds.push(lt(referrals.createdAt, f.to));
  if (f.q) {
    const like = likeOf(f.q);
    conds.push(
      or(
        ilike(referrals.referralCode, like),
        ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
        ilike(sql`${leads.firstName} || ' ' || ${leads.lastName}`, like),
        ilike(leads.email, like),
      ),
    );
  }
  return and(...conds);
}

export async function listReferrals(db: DbOrTx, input: ReferralListInput) {
  const f = parseInput(referralListSchema, input);
  const where = whereOf(f);
  const dir = f.sort.desc ? desc : asc;
  const col =
    f.sort.key === "status"
      ? referrals.status
      : f.sort.key === "conversionValueCents"
        ? referrals.conversionValueCents
        : referrals.createdAt;
  const [data, [{ n }]] = await Promise.all([
    db
      .select({
        id: referrals.id,
        status: referrals.status,
        source: referrals.source,
        referralCode: referrals.referralCode,
        rejectionReason: referrals.rejectionReason,
        conversionValueCents: referrals.conversionValueCents,
        currency: referrals.currency,
        createdAt: referrals.createdAt,
        expiresAt: referrals.expiresAt,
        partnerId: referrals.partnerId,
        partnerName: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
        leadId: referrals.leadId,
        leadName: sql<string | null>`${leads.firstName} || ' ' || ${leads.lastName}`,
        leadStatus: leads.status,
      })
      .from(referrals)
      .innerJoin(partners, eq(partners.id, referrals.partnerId))
      .leftJoin(leads, eq(leads.id, referrals.leadId))
      .where(where)
      .orderBy(dir(col), desc(referrals.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(
      (f.q
        ? db
            .select({ one: referrals.id })
            .from(referrals)
            .innerJoin(partners, eq(partners.id, referrals.partnerId))
            .leftJoin(leads, eq(leads.id, referrals.leadId))
        : db.select({ one: referrals.id }).from(referrals)
      )
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("c"),
    ),
  ]);
  return {
    data,
    pagination: { page: f.page, pageSize: f.pageSize, total: capped(n).total, nextCursor: null },
    totalCapped: capped(n).totalCapped,
  };
}

/** A referral with its partner, lead, rewards and audit timeline; null when absent. */
export async function getReferralForAdmin(db: DbOrTx, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db
    .select({
      referral: referrals,
      partner: {
        id: partners.id,
        firstName: partners.firstName,
        lastName: partners.lastName,
        email: partners.email,
        status: partners.status,
        commissionRateBps: partners.commissionRateBps,
      },
    })
    .from(referrals)
    .innerJoin(partners, eq(partners.id, referrals.partnerId))
    .where(eq(referrals.id, id));
  if (!row) return null;
  const [lead, rewardRows, timeline] = await Promise.all([
    row.referral.leadId
      ? db
          .select()
          .from(leads)
          .where(eq(leads.id, row.referral.leadId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    db.select().from(rewards).where(eq(rewards.referralId, id)).orderBy(asc(rewards.createdAt)),
    entityTimeline(db, "referral", id),
  ]);
  return { ...row, lead, rewards: rewardRows, timeline };
}
