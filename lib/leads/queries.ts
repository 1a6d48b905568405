import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db";
import { INSURANCE_TYPES, LEAD_STATUSES, leadConsents, leads, partners, referrals } from "@/db/schema";
import { csvEnum, listSchema, uuidParam, type ListResult, type RawListInput, type Scope } from "@/lib/query/list";
import { isUuid } from "@/lib/validation";
import { listFromSelect, listWhere, type ListOptions, type SortKey } from "@/lib/query/run";
import { maskLead } from "./mask";

export const LEAD_SORTS = ["createdAt", "updatedAt", "status", "lastName"] as const;

export const leadListSchema = listSchema(
  {
    status: csvEnum(LEAD_STATUSES).optional(),
    insuranceType: csvEnum(INSURANCE_TYPES).optional(),
    /** Leads referred by this partner. */
    partnerId: uuidParam("partnerId").optional(),
    referralId: uuidParam("referralId").optional(),
  },
  LEAD_SORTS,
);

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
  return listWhere(f, {
    oneOf: [
      [leads.status, f.status],
      [leads.insuranceType, f.insuranceType],
    ],
    also: [
      scope.partnerId ? referredBy(scope.partnerId) : undefined,
      f.partnerId ? referredBy(f.partnerId) : undefined,
      f.referralId
        ? sql`exists (select 1 from ${referrals} r where r.lead_id = ${leads.id} and r.id = ${f.referralId}::uuid)`
        : undefined,
    ],
    range: leads.createdAt,
    search: (like, q) => {
      if (scope.partnerId) return ilike(leads.firstName, like); // partners search only what they see unmasked
      const digits = q.replace(/\D/g, "");
      return or(
        ilike(sql`${leads.firstName} || ' ' || ${leads.lastName}`, like),
        ilike(leads.email, like),
        ilike(leads.externalId, like),
        ilike(leads.zip, like),
        ...(digits.length >= 4 ? [ilike(leads.phone, `%${digits}%`)] : []),
        ...(isUuid(q) ? [eq(leads.id, q)] : []),
      );
    },
  });
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

const listLeadRows = listFromSelect({
  schema: leadListSchema,
  sorts: SORTS,
  idColumn: leads.id,
  where: leadWhere,
  select: (db, cursor) => db.select({ lead: leads, cursor }).from(leads).$dynamic(),
  shape: (r, scope) => forScope(scope, r.lead),
  countFrom: (db) => db.select({ id: leads.id }).from(leads).$dynamic(),
});

/** Leads matching the filters. Partner scope: only leads it referred, masked, with only its referrals. */
export async function listLeads(
  db: DbOrTx,
  scope: Scope,
  input: LeadListInput | RawListInput = {},
  opts: ListOptions = {},
): Promise<ListResult<LeadRow>> {
  const page = await listLeadRows(db, scope, input, opts);
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
