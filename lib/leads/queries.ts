import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { INSURANCE_TYPES, LEAD_STATUSES, leadConsents, leads, partners, referrals } from "@/db/schema";
import {
  csvEnum,
  likePattern,
  pageParams,
  parseList,
  sortParam,
  uuidParam,
  type ListResult,
  type RawListInput,
  type Scope,
} from "@/lib/query/list";
import { isUuid } from "@/lib/validation";
import { listFromSelect, type ListOptions, type SortKey } from "@/lib/query/run";
import { maskLead } from "./mask";

export const LEAD_SORTS = ["createdAt", "updatedAt", "status", "lastName"] as const;

export const leadListSchema = z
  .object({
    status: csvEnum(LEAD_STATUSES).optional(),
    insuranceType: csvEnum(INSURANCE_TYPES).optional(),
    /** Leads referred by this partner. */
    partnerId: uuidParam("partnerId").optional(),
    referralId: uuidParam("referralId").optional(),
    sort: sortParam(LEAD_SORTS, "-createdAt"),
    ...pageParams,
  })
  .strict();

export type LeadListInput = z.input<typeof leadListSchema>;
export type LeadListParams = z.output<typeof leadListSchema>;
type Lead = typeof leads.$inferSelect;

/** What a partner sees of a lead it referred: masked contact, no message, ZIP or external id. */
export type PartnerLead = Pick<
  Lead,
  | "id"
  | "firstName"
  | "lastName"
  | "email"
  | "phone"
  | "state"
  | "insuranceType"
  | "status"
  | "statusChangedAt"
  | "createdAt"
  | "updatedAt"
>;

export interface LeadReferralSummary {
  id: string;
  partnerId: string;
  partnerName: string;
  referralCode: string;
  status: string;
  rejectionReason: string | null;
  source: string;
  createdAt: Date;
}

export type LeadRow = (Lead | PartnerLead) & { referrals: LeadReferralSummary[] };

/** The partner a lead counts for: the one of its live (not rejected) referral, oldest first; null when direct. */
export const leadReferrerName = (l: Pick<LeadRow, "referrals">): string | null =>
  l.referrals.find((r) => r.status !== "REJECTED")?.partnerName ?? null;

export interface LeadDetail extends Omit<LeadRow, "referrals"> {
  referrals: LeadReferralSummary[];
  /** Consent evidence, one row per submission (admins only; empty for partners). */
  consents: (typeof leadConsents.$inferSelect)[];
}

const SORTS: Record<(typeof LEAD_SORTS)[number], SortKey> = {
  createdAt: { expr: leads.createdAt, type: "timestamptz" },
  updatedAt: { expr: leads.updatedAt, type: "timestamptz" },
  status: { expr: leads.status, type: "lead_status" },
  lastName: { expr: sql`lower(${leads.lastName} || ' ' || ${leads.firstName})`, type: "text" },
};

const referredBy = (partnerId: string) =>
  sql`exists (select 1 from ${referrals} r where r.lead_id = ${leads.id} and r.partner_id = ${partnerId}::uuid)`;

export function leadWhere(scope: Scope, f: Partial<LeadListParams>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (scope.partnerId) conds.push(referredBy(scope.partnerId));
  if (f.partnerId) conds.push(referredBy(f.partnerId));
  if (f.referralId)
    conds.push(
      sql`exists (select 1 from ${referrals} r where r.lead_id = ${leads.id} and r.id = ${f.referralId}::uuid)`,
    );
  if (f.status?.length) conds.push(inArray(leads.status, f.status));
  if (f.insuranceType?.length) conds.push(inArray(leads.insuranceType, f.insuranceType));
  if (f.from) conds.push(gte(leads.createdAt, f.from));
  if (f.to) conds.push(lt(leads.createdAt, f.to));
  if (f.q) {
    const like = likePattern(f.q);
    const digits = f.q.replace(/\D/g, "");
    conds.push(
      scope.partnerId
        ? ilike(leads.firstName, like) // partners search only what they see unmasked
        : or(
            ilike(sql`${leads.firstName} || ' ' || ${leads.lastName}`, like),
            ilike(leads.email, like),
            ilike(leads.externalId, like),
            ilike(leads.zip, like),
            ...(digits.length >= 4 ? [ilike(leads.phone, `%${digits}%`)] : []),
            ...(isUuid(f.q) ? [eq(leads.id, f.q)] : []),
          ),
    );
  }
  return and(...conds);
}

function forScope(scope: Scope, l: Lead): Lead | PartnerLead {
  if (!scope.partnerId) return l;
  const { id, firstName, lastName, email, phone, state, insuranceType, status, statusChangedAt, createdAt, updatedAt } =
    l;
  return maskLead({
    id,
    firstName,
    lastName,
    email,
    phone,
    state,
    insuranceType,
    status,
    statusChangedAt,
    createdAt,
    updatedAt,
  });
}

async function referralsOf(db: DbOrTx, scope: Scope, leadIds: string[]): Promise<Map<string, LeadReferralSummary[]>> {
  const out = new Map<string, LeadReferralSummary[]>(leadIds.map((id) => [id, []]));
  if (!leadIds.length) return out;
  const rows = await db
    .select({
      leadId: referrals.leadId,
      id: referrals.id,
      partnerId: referrals.partnerId,
      pf: partners.firstName,
      pl: partners.lastName,
      referralCode: referrals.referralCode,
      status: referrals.status,
      rejectionReason: referrals.rejectionReason,
      source: referrals.source,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .innerJoin(partners, eq(partners.id, referrals.partnerId))
    .where(
      and(inArray(referrals.leadId, leadIds), scope.partnerId ? eq(referrals.partnerId, scope.partnerId) : undefined),
    )
    .orderBy(asc(referrals.createdAt));
  for (const { leadId, pf, pl, ...r } of rows) out.get(leadId!)?.push({ ...r, partnerName: `${pf} ${pl}` });
  return out;
}

/** Leads matching the filters. Partner scope: only leads it referred, masked, with only its referrals. */
export async function listLeads(
  db: DbOrTx,
  scope: Scope,
  input: LeadListInput | RawListInput = {},
  opts: ListOptions = {},
): Promise<ListResult<LeadRow>> {
  const params = parseList(leadListSchema, input as RawListInput);
  const where = leadWhere(scope, params);
  const page = await listFromSelect(db, {
    params,
    sorts: SORTS,
    idColumn: leads.id,
    where,
    countCap: opts.countCap,
    select: (cursor) => db.select({ lead: leads, cursor }).from(leads).$dynamic(),
    shape: (r) => forScope(scope, r.lead),
    countFrom: db.select({ id: leads.id }).from(leads).$dynamic(),
  });
  const refs = await referralsOf(
    db,
    scope,
    page.data.map((l) => l.id),
  );
  return { ...page, data: page.data.map((l) => ({ ...l, referrals: refs.get(l.id) ?? [] })) };
}

/** One lead; null when absent or (partner scope) not referred by that partner (→ 404). Admin scope: unmasked. */
export async function getLead(
  db: DbOrTx,
  scope: { partnerId?: undefined },
  id: string,
): Promise<(LeadDetail & Lead) | null>;
export async function getLead(db: DbOrTx, scope: Scope, id: string): Promise<LeadDetail | null>;
export async function getLead(db: DbOrTx, scope: Scope, id: string): Promise<LeadDetail | null> {
  if (!isUuid(id)) return null;
  const [lead] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), scope.partnerId ? referredBy(scope.partnerId) : undefined));
  if (!lead) return null;
  const [refs, consents] = await Promise.all([
    referralsOf(db, scope, [id]),
    scope.partnerId
      ? Promise.resolve([])
      : db.select().from(leadConsents).where(eq(leadConsents.leadId, id)).orderBy(desc(leadConsents.consentedAt)),
  ]);
  return { ...forScope(scope, lead), referrals: refs.get(id) ?? [], consents };
}
