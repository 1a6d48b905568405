import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { PARTNER_STATUSES, partnerCodes, partners, users } from "@/db/schema";
import { csvEnum, listSchema, type Scope } from "@/lib/query/list";
import { listLicences, type Licence } from "@/lib/compliance/licences";
import { isUuid } from "@/lib/validation";
import { listFromSelect, listWhere, type SortKey } from "@/lib/query/run";

export const PARTNER_SORTS = ["createdAt", "updatedAt", "lastName", "status", "commissionRateBps"] as const;

/** `applications`: sign-ups awaiting a decision (see `isApplication`). */
export const PARTNER_VIEWS = ["all", "applications"] as const;

export const partnerListSchema = listSchema(
  {
    view: z.enum(PARTNER_VIEWS, { error: () => `must be one of ${PARTNER_VIEWS.join(", ")}` }).default("all"),
    status: csvEnum(PARTNER_STATUSES).optional(),
    /** SELF sign-ups awaiting approval are `status=INACTIVE&createdVia=SELF`. */
    createdVia: csvEnum(["ADMIN", "SELF", "API"] as const).optional(),
  },
  PARTNER_SORTS,
);

export type PartnerListParams = z.output<typeof partnerListSchema>;
type Partner = typeof partners.$inferSelect;

/** A partner with its current referral code (null only if it has none) and its referral counts. */
export interface PartnerRow extends Partner {
  referralCode: string | null;
  referralCount: number;
  /** Referrals now CONVERTED or PAID. */
  conversionCount: number;
}

export interface PartnerDetail extends Partner {
  referralCode: string | null;
  /** Current code first, then retired aliases (they still attribute to the partner). */
  codes: { code: string; isCurrent: boolean; createdAt: Date; retiredAt: Date | null }[];
  /** The licences on file (docs/compliance.md#licences). */
  licences: Licence[];
}

const SORTS: Record<(typeof PARTNER_SORTS)[number], SortKey> = {
  createdAt: { expr: partners.createdAt, type: "timestamptz" },
  updatedAt: { expr: partners.updatedAt, type: "timestamptz" },
  lastName: { expr: sql`lower(${partners.lastName} || ' ' || ${partners.firstName})`, type: "text" },
  status: { expr: partners.status, type: "partner_status" },
  commissionRateBps: { expr: partners.commissionRateBps, type: "integer" },
};

// Written out: inside a single-table select list Drizzle leaves columns unqualified.
const currentCode = sql<
  string | null
>`(select pc.code from partner_codes pc where pc.partner_id = "partners"."id" and pc.is_current limit 1)`;
const referralCount = sql<number>`(select count(*) from referrals r where r.partner_id = "partners"."id")`.mapWith(
  Number,
);
const conversionCount = sql<number>`(select count(*) from referrals r
  where r.partner_id = "partners"."id" and r.status in ('CONVERTED', 'PAID'))`.mapWith(Number);

/** Sign-ups awaiting a decision: self-registered, never approved, still inactive. */
export const isApplication = and(
  eq(partners.status, "INACTIVE"),
  eq(partners.createdVia, "SELF"),
  isNull(partners.approvedAt),
);

export function partnerWhere(scope: Scope, f: Partial<PartnerListParams>): SQL | undefined {
  return listWhere(f, {
    // A partner's list holds just itself: partners see only their own rows.
    equal: [[partners.id, scope.partnerId]],
    oneOf: [
      [partners.status, f.status],
      [partners.createdVia, f.createdVia],
    ],
    also: [f.view === "applications" ? isApplication : undefined],
    range: partners.createdAt,
    search: (like, q) =>
      or(
        ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
        ilike(partners.email, like),
        ilike(partners.companyName, like),
        ilike(partners.phone, like),
        // Any code, current or alias, matched case-insensitively.
        sql`exists (select 1 from ${partnerCodes} pc where pc.partner_id = ${partners.id} and pc.code like upper(${like}))`,
        ...(isUuid(q) ? [eq(partners.id, q)] : []),
      ),
  });
}

/** Partners matching the filters (admins); a partner scope lists only itself. */
export const listPartners = listFromSelect({
  schema: partnerListSchema,
  sorts: SORTS,
  idColumn: partners.id,
  where: partnerWhere,
  select: (db, cursor) =>
    db
      .select({ partner: partners, referralCode: currentCode, referralCount, conversionCount, cursor })
      .from(partners)
      .$dynamic(),
  shape: ({ partner, cursor: _c, ...r }): PartnerRow => ({ ...partner, ...r }),
  countFrom: (db) => db.select({ id: partners.id }).from(partners).$dynamic(),
});

/** Sign-ups awaiting a decision (the admin's "Applications" tab). */
export async function countApplications(db: DbOrTx): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(partners).where(isApplication);
  return n;
}

/** Small partner list for pickers (payout batch, manual reward, filters). */
export async function partnerOptions(db: DbOrTx): Promise<{ id: string; label: string; status: string }[]> {
  const rows = await db
    .select({
      id: partners.id,
      firstName: partners.firstName,
      lastName: partners.lastName,
      companyName: partners.companyName,
      status: partners.status,
    })
    .from(partners)
    .orderBy(asc(partners.lastName), asc(partners.firstName))
    .limit(2000);
  return rows.map((r) => ({
    id: r.id,
    label: `${r.firstName} ${r.lastName}${r.companyName ? ` (${r.companyName})` : ""}`,
    status: r.status,
  }));
}

/** One partner with its codes; null when absent or another partner's (→ 404). */
export async function getPartner(db: DbOrTx, scope: Scope, id: string): Promise<PartnerDetail | null> {
  if (!isUuid(id) || (scope.partnerId && scope.partnerId !== id)) return null;
  const [p] = await db.select().from(partners).where(eq(partners.id, id));
  if (!p) return null;
  const codes = await db
    .select({
      code: partnerCodes.code,
      isCurrent: partnerCodes.isCurrent,
      createdAt: partnerCodes.createdAt,
      retiredAt: partnerCodes.retiredAt,
    })
    .from(partnerCodes)
    .where(eq(partnerCodes.partnerId, id))
    .orderBy(desc(partnerCodes.isCurrent), asc(partnerCodes.createdAt));
  const licences = await listLicences(db, id);
  return { ...p, referralCode: codes.find((c) => c.isCurrent)?.code ?? null, codes, licences };
}

/** The partner's login for the admin's partner page: whether a password is set and when it was last used. */
export async function partnerLogin(db: DbOrTx, partnerId: string) {
  if (!isUuid(partnerId)) return null;
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(eq(users.partnerId, partnerId));
  return user ?? null;
}

/** Partners by id (admin tables that show names next to ids); ids outside the scope are left out. */
export async function partnerNames(db: DbOrTx, scope: Scope, ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return new Map();
  const rows = await db
    .select({ id: partners.id, first: partners.firstName, last: partners.lastName })
    .from(partners)
    .where(and(inArray(partners.id, valid), scope.partnerId ? eq(partners.id, scope.partnerId) : undefined));
  return new Map(rows.map((r) => [r.id, `${r.first} ${r.last}`]));
}
