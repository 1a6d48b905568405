import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { PARTNER_STATUSES, partnerCodes, partners } from "@/db/schema";
import {
  csvEnum,
  isUuid,
  likePattern,
  pageParams,
  parseList,
  sortParam,
  type ListResult,
  type RawListInput,
  type Scope,
} from "@/lib/query/list";
import { runList, type SortKey } from "@/lib/query/run";

export const PARTNER_SORTS = ["createdAt", "updatedAt", "lastName", "status", "commissionRateBps"] as const;

export const partnerListSchema = z
  .object({
    status: csvEnum(PARTNER_STATUSES).optional(),
    /** SELF sign-ups awaiting approval are `status=INACTIVE&createdVia=SELF`. */
    createdVia: csvEnum(["ADMIN", "SELF", "API"] as const).optional(),
    sort: sortParam(PARTNER_SORTS, "-createdAt"),
    ...pageParams,
  })
  .strict();

export type PartnerListInput = z.input<typeof partnerListSchema>;
export type PartnerListParams = z.output<typeof partnerListSchema>;
export type Partner = typeof partners.$inferSelect;

/** A partner with its current referral code (null only if it has none). */
export interface PartnerRow extends Partner {
  referralCode: string | null;
}

export interface PartnerDetail extends PartnerRow {
  /** Current code first, then retired aliases (they still attribute to the partner). */
  codes: { code: string; isCurrent: boolean; createdAt: Date; retiredAt: Date | null }[];
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

export function partnerWhere(scope: Scope, f: Partial<PartnerListParams>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  // A partner's list holds just itself (CONTRACT).
  if (scope.partnerId) conds.push(eq(partners.id, scope.partnerId));
  if (f.status?.length) conds.push(inArray(partners.status, f.status));
  if (f.createdVia?.length) conds.push(inArray(partners.createdVia, f.createdVia));
  if (f.from) conds.push(gte(partners.createdAt, f.from));
  if (f.to) conds.push(lt(partners.createdAt, f.to));
  if (f.q) {
    const like = likePattern(f.q);
    conds.push(
      or(
        ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
        ilike(partners.email, like),
        ilike(partners.companyName, like),
        ilike(partners.phone, like),
        // Any code, current or alias, matched case-insensitively.
        sql`exists (select 1 from ${partnerCodes} pc where pc.partner_id = ${partners.id} and pc.code like upper(${like}))`,
        ...(isUuid(f.q) ? [eq(partners.id, f.q)] : []),
      ),
    );
  }
  return and(...conds);
}

/** Partners matching the filters (admins); a partner scope lists only itself. */
export async function listPartners(
  db: DbOrTx,
  scope: Scope,
  input: PartnerListInput | RawListInput = {},
): Promise<ListResult<PartnerRow>> {
  const params = parseList(partnerListSchema, input as RawListInput);
  const where = partnerWhere(scope, params);
  return runList({
    params,
    sorts: SORTS,
    idColumn: partners.id,
    where,
    rows: async (p) => {
      const rows = await db
        .select({ partner: partners, referralCode: currentCode, cursor: p.cursorValue })
        .from(partners)
        .where(p.where)
        .orderBy(...p.orderBy)
        .limit(p.limit)
        .offset(p.offset);
      return rows.map((r) => ({ ...r.partner, referralCode: r.referralCode, cursor: r.cursor }));
    },
    count: async (w) => Number((await db.select({ n: count() }).from(partners).where(w))[0].n),
  });
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
  return { ...p, referralCode: codes.find((c) => c.isCurrent)?.code ?? null, codes };
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
