import { and, asc, eq, ilike, inArray, notLike, or, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { DbOrTx } from "@/db";
import {
  apiKeys,
  events,
  leads,
  partners,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  referrals,
  rewards,
  users,
} from "@/db/schema";
import { maskLead } from "@/lib/leads/mask";
import { csvEnum, listSchema, uuidParam, type Scope } from "@/lib/query/list";
import { isUuid } from "@/lib/validation";
import { listFromSelect, listWhere, type SortKey } from "@/lib/query/run";

export const REFERRAL_SORTS = [
  "createdAt",
  "updatedAt",
  "expiresAt",
  "status",
  "source",
  "conversionValueCents",
] as const;

export const referralListSchema = listSchema(
  {
    status: csvEnum(REFERRAL_STATUSES).optional(),
    source: csvEnum(REFERRAL_SOURCES).optional(),
    partnerId: uuidParam("partnerId").optional(),
    leadId: uuidParam("leadId").optional(),
  },
  REFERRAL_SORTS,
);

export type ReferralListParams = z.output<typeof referralListSchema>;
type Referral = typeof referrals.$inferSelect;

/** The referred person; masked (first name + initial, `j***@…`, `***-***-1234`) in partner scope. */
export interface LeadSummary {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  state: string | null;
  insuranceType: string;
  status: string;
}

export interface ReferralRow extends Referral {
  partnerName: string;
  partnerCompany: string | null;
  lead: LeadSummary | null;
}

const SORTS: Record<(typeof REFERRAL_SORTS)[number], SortKey> = {
  createdAt: { expr: referrals.createdAt, type: "timestamptz" },
  updatedAt: { expr: referrals.updatedAt, type: "timestamptz" },
  expiresAt: { expr: referrals.expiresAt, type: "timestamptz" },
  status: { expr: referrals.status, type: "referral_status" },
  source: { expr: referrals.source, type: "referral_source" },
  // Not converted (no value) sorts as 0, through a non-null expression so keyset cursors stay exact.
  conversionValueCents: { expr: sql`coalesce(${referrals.conversionValueCents}, 0)`, type: "bigint" },
};

/** WHERE of a referral filter within a scope (reused by exports and statistics). */
export function referralWhere(scope: Scope, f: Partial<ReferralListParams>): SQL | undefined {
  return listWhere(f, {
    equal: [
      [referrals.partnerId, scope.partnerId],
      [referrals.partnerId, f.partnerId],
      [referrals.leadId, f.leadId],
    ],
    oneOf: [
      [referrals.status, f.status],
      [referrals.source, f.source],
    ],
    range: referrals.createdAt,
    search: (like, q) => {
      // Partners search only what they can see (first name, code, sub id, campaign): no probing hidden contact details.
      const visible = [
        ilike(referrals.referralCode, like),
        ilike(referrals.subId, like),
        ilike(referrals.utmCampaign, like),
        ilike(leads.firstName, like),
        ...(isUuid(q) ? [eq(referrals.id, q)] : []),
      ];
      const adminOnly = scope.partnerId
        ? []
        : [
            ilike(leads.lastName, like),
            ilike(leads.email, like),
            ilike(sql`${leads.firstName} || ' ' || ${leads.lastName}`, like),
            ilike(partners.companyName, like),
            ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
          ];
      const digits = q.replace(/\D/g, "");
      if (!scope.partnerId && digits.length >= 4) adminOnly.push(ilike(leads.phone, `%${digits}%`));
      return or(...visible, ...adminOnly);
    },
  });
}

const rowFields = {
  referral: referrals,
  partnerFirst: partners.firstName,
  partnerLast: partners.lastName,
  partnerCompany: partners.companyName,
  lead: {
    id: leads.id,
    firstName: leads.firstName,
    lastName: leads.lastName,
    email: leads.email,
    phone: leads.phone,
    state: leads.state,
    insuranceType: leads.insuranceType,
    status: leads.status,
  },
};

/** A select of referral ids with the partner and lead joined, as the `q` search reads them (no columns added). */
const withSearchJoins = <T extends PgSelect>(qb: T): T =>
  qb
    .innerJoin(partners, eq(partners.id, referrals.partnerId))
    .leftJoin(leads, eq(leads.id, referrals.leadId)) as unknown as T;

type JoinedRow = {
  referral: Referral;
  partnerFirst: string;
  partnerLast: string;
  partnerCompany: string | null;
  lead: LeadSummary | null;
};

function shape(scope: Scope, r: JoinedRow): ReferralRow {
  const lead = r.lead ? (scope.partnerId ? maskLead(r.lead) : r.lead) : null;
  return { ...r.referral, partnerName: `${r.partnerFirst} ${r.partnerLast}`, partnerCompany: r.partnerCompany, lead };
}

/** Referrals matching the filters, newest first by default. Partner scope: only its own, leads masked. */
export const listReferrals = listFromSelect({
  schema: referralListSchema,
  sorts: SORTS,
  idColumn: referrals.id,
  where: referralWhere,
  select: (db, cursor) =>
    db
      .select({ ...rowFields, cursor })
      .from(referrals)
      .innerJoin(partners, eq(partners.id, referrals.partnerId))
      .leftJoin(leads, eq(leads.id, referrals.leadId))
      .$dynamic(),
  shape: (r, scope) => shape(scope, r),
  countFrom: (db, params) => {
    const ids = db.select({ id: referrals.id }).from(referrals).$dynamic();
    return params.q ? withSearchJoins(ids) : ids;
  },
});

export interface TimelineEvent {
  id: number;
  at: Date;
  entityType: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  /** Who did it; for partners, only "you", "the program team" or "system". */
  actor: string;
  reason: string | null;
}

export interface ReferralDetail extends ReferralRow {
  rewards: (typeof rewards.$inferSelect)[];
  timeline: TimelineEvent[];
}

/** One referral with its rewards and timeline; null when absent or outside the scope (→ 404). */
export async function getReferral(db: DbOrTx, scope: Scope, id: string): Promise<ReferralDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(rowFields)
    .from(referrals)
    .innerJoin(partners, eq(partners.id, referrals.partnerId))
    .leftJoin(leads, eq(leads.id, referrals.leadId))
    .where(and(eq(referrals.id, id), scope.partnerId ? eq(referrals.partnerId, scope.partnerId) : undefined));
  if (!row) return null;
  const rw = await db.select().from(rewards).where(eq(rewards.referralId, id)).orderBy(asc(rewards.createdAt));
  const timeline = await referralTimeline(
    db,
    scope,
    id,
    rw.map((r) => r.id),
  );
  return { ...shape(scope, row), rewards: rw, timeline };
}

/** Audit events of the referral and its rewards, oldest first. Partner scope hides admins' identities. */
export async function referralTimeline(
  db: DbOrTx,
  scope: Scope,
  referralId: string,
  rewardIds: string[] = [],
): Promise<TimelineEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        or(
          and(eq(events.entityType, "referral"), eq(events.entityId, referralId)),
          rewardIds.length ? and(eq(events.entityType, "reward"), inArray(events.entityId, rewardIds)) : undefined,
        ),
        // Fraud reviews are the program's business: a partner's timeline never shows them.
        scope.partnerId ? notLike(events.action, "review.%") : undefined,
      ),
    )
    .orderBy(asc(events.createdAt), asc(events.id))
    .limit(500);
  const own = scope.partnerId ? await partnerActorIds(db, scope.partnerId) : new Set<string>();
  return rows.map((e) => {
    const data = (e.data ?? {}) as Record<string, unknown>;
    const reason = [data.reason, data.rejectionReason, data.cancelReason].find((v) => typeof v === "string") as
      string | undefined;
    return {
      id: e.id,
      at: e.createdAt,
      entityType: e.entityType,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: scope.partnerId
        ? partnerFacingActor(e.actorType, e.actorId, own)
        : (e.actorLabel ?? e.actorId ?? e.actorType.toLowerCase()),
      reason: reason ?? null,
    };
  });
}

/** The partner's own user and API key ids: events by them read "You". */
async function partnerActorIds(db: DbOrTx, partnerId: string): Promise<Set<string>> {
  const [u, k] = await Promise.all([
    db.select({ id: users.id }).from(users).where(eq(users.partnerId, partnerId)),
    db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.partnerId, partnerId)),
  ]);
  return new Set([...u, ...k].map((r) => r.id));
}

function partnerFacingActor(type: string, actorId: string | null, own: Set<string>): string {
  if (actorId && own.has(actorId)) return "You";
  if (type === "SYSTEM" || type === "WEBHOOK") return "System";
  if (type === "PUBLIC") return "Visitor";
  return "Program team";
}
