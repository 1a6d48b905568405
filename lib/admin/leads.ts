import "server-only";
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { INSURANCE_TYPES, LEAD_STATUSES, leadConsents, leads, partners, referrals } from "@/db/schema";
import { entityTimeline } from "@/lib/audit/queries";
import { enumList, isoFrom, isoTo, likeOf, pageInput, sortParam, parseInput, COUNT_CAP, capped } from "./pagination";

export const leadListSchema = z
  .object({
    status: enumList(LEAD_STATUSES, "status").optional(),
    insuranceType: enumList(INSURANCE_TYPES, "insuranceType").optional(),
    /** Name, e-mail, phone digits or external id. */
    q: z.string().trim().min(1).max(100).optional(),
    from: isoFrom.optional(),
    to: isoTo.optional(),
    sort: sortParam(["createdAt", "status"], "-createdAt"),
    ...pageInput,
  })
  .strict();
export type LeadListInput = z.input<typeof leadListSchema>;

function whereOf(f: z.infer<typeof leadListSchema>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.status) conds.push(inArray(leads.status, f.status));
  if (f.insuranceType) conds.push(inArray(leads.insuranceType, f.insuranceType));
  if (f.from) conds.push(gte(leads.createdAt, f.from));
  if (f.to) conds.push(lt(leads.createdAt, f.to));
  if (f.q) {
    const like = likeOf(f.q);
    const digits = f.q.replace(/\D/g, "");
    conds.push(
      or(
        ilike(sql`${leads.firstName} || ' ' || ${leads.lastName}`, like),
        ilike(leads.email, like),
        eq(leads.externalId, f.q),
        digits.length >= 4 ? ilike(leads.phone, `%${digits}%`) : undefined,
      ),
    );
  }
  return and(...conds);
}

/** The live (non-rejected) referral's partner of each lead, when there is one. */
const ownerName = sql<
  string | null
>`(select p.first_name || ' ' || p.last_name from ${referrals} r join ${partners} p on p.id = r.partner_id
  where r.lead_id = ${sql.raw(`"leads"."id"`)} and r.status <> 'REJECTED' limit 1)`;

export async function listLeads(db: DbOrTx, input: LeadListInput) {
  const f = parseInput(leadListSchema, input);
  const where = whereOf(f);
  const dir = f.sort.desc ? desc : asc;
  const [data, [{ n }]] = await Promise.all([
    db
      .select({
        id: leads.id,
        firstName: leads.firstName,
        lastName: leads.lastName,
        email: leads.email,
        phone: leads.phone,
        state: leads.state,
        insuranceType: leads.insuranceType,
        status: leads.status,
        conversionValueCents: leads.conversionValueCents,
        createdAt: leads.createdAt,
        referredBy: ownerName,
      })
      .from(leads)
      .where(where)
      .orderBy(dir(f.sort.key === "status" ? leads.status : leads.createdAt), desc(leads.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(
      db
        .select({ one: leads.id })
        .from(leads)
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

/** A lead with every consent record (newest first), its referrals and its timeline; null when absent. */
export async function getLeadForAdmin(db: DbOrTx, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const [lead] = await db.select().from(leads).where(eq(leads.id, id));
  if (!lead) return null;
  const [consents, refs, timeline] = await Promise.all([
    db.select().from(leadConsents).where(eq(leadConsents.leadId, id)).orderBy(desc(leadConsents.consentedAt)),
    db
      .select({
        id: referrals.id,
        status: referrals.status,
        referralCode: referrals.referralCode,
        rejectionReason: referrals.rejectionReason,
        createdAt: referrals.createdAt,
        partnerId: referrals.partnerId,
        partnerName: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
      })
      .from(referrals)
      .innerJoin(partners, eq(partners.id, referrals.partnerId))
      .where(eq(referrals.leadId, id))
      .orderBy(asc(referrals.createdAt)),
    entityTimeline(db, "lead", id),
  ]);
  return { lead, consents, referrals: refs, timeline };
}
