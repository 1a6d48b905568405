import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { PARTNER_STATUSES, partnerCodes, partners, users } from "@/db/schema";
import { enumList, likeOf, pageInput, sortParam, type Page, parseInput } from "./pagination";

export const PARTNER_VIEWS = ["all", "applications"] as const;
const SORTS = ["createdAt", "name", "status", "commissionRateBps"] as const;

export const partnerListSchema = z
  .object({
    view: z.enum(PARTNER_VIEWS).default("all"),
    /** Name, e-mail, company or any of the partner's codes. */
    q: z.string().trim().min(1).max(100).optional(),
    status: enumList(PARTNER_STATUSES, "status").optional(),
    sort: sortParam(SORTS, "-createdAt"),
    ...pageInput,
  })
  .strict();

export type PartnerListInput = z.input<typeof partnerListSchema>;

export interface PartnerRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  companyName: string | null;
  status: (typeof PARTNER_STATUSES)[number];
  statusReason: string | null;
  commissionRateBps: number;
  currency: string;
  createdVia: string;
  createdAt: Date;
  code: string | null;
  referralCount: number;
  conversionCount: number;
}

/** Sign-ups awaiting a decision: self-registered, never approved, still inactive. */
export const isApplication = and(
  eq(partners.status, "INACTIVE"),
  eq(partners.createdVia, "SELF"),
  isNull(partners.approvedAt),
);

function whereOf(f: z.infer<typeof partnerListSchema>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.view === "applications") conds.push(isApplication);
  if (f.status) conds.push(inArray(partners.status, f.status));
  if (f.q) {
    const like = likeOf(f.q);
    conds.push(
      or(
        ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
        ilike(partners.email, like),
        ilike(partners.companyName, like),
        sql`exists (select 1 from ${partnerCodes} pc where pc.partner_id = ${PARTNER_ID} and pc.code like upper(${like}))`,
      ),
    );
  }
  return and(...conds);
}

/** Drizzle leaves columns unqualified in single-table selects; correlated subqueries need the table name. */
const PARTNER_ID = sql.raw(`"partners"."id"`);
const currentCode = sql<
  string | null
>`(select pc.code from ${partnerCodes} pc where pc.partner_id = ${PARTNER_ID} and pc.is_current)`;

/** Partners with their current code and referral counts (counted for the page only, through the partner index). */
export async function listPartners(db: DbOrTx, input: PartnerListInput): Promise<Page<PartnerRow>> {
  const f = parseInput(partnerListSchema, input);
  const where = whereOf(f);
  const dir = f.sort.desc ? desc : asc;
  const order =
    f.sort.key === "name"
      ? [dir(partners.lastName), dir(partners.firstName)]
      : f.sort.key === "status"
        ? [dir(partners.status)]
        : f.sort.key === "commissionRateBps"
          ? [dir(partners.commissionRateBps)]
          : [dir(partners.createdAt)];
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: partners.id,
        firstName: partners.firstName,
        lastName: partners.lastName,
        email: partners.email,
        companyName: partners.companyName,
        status: partners.status,
        statusReason: partners.statusReason,
        commissionRateBps: partners.commissionRateBps,
        currency: partners.currency,
        createdVia: partners.createdVia,
        createdAt: partners.createdAt,
        code: currentCode,
        referralCount: sql<number>`(select count(*) from referrals r where r.partner_id = ${PARTNER_ID})`.mapWith(
          Number,
        ),
        conversionCount:
          sql<number>`(select count(*) from referrals r where r.partner_id = ${PARTNER_ID} and r.status in ('CONVERTED', 'PAID'))`.mapWith(
            Number,
          ),
      })
      .from(partners)
      .where(where)
      .orderBy(...order, asc(partners.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(partners).where(where),
  ]);
  return { data: rows, pagination: { page: f.page, pageSize: f.pageSize, total: n, nextCursor: null } };
}

export async function countApplications(db: DbOrTx): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(partners).where(isApplication);
  return n;
}

/** One partner with its codes (current first) and its login, or null. */
export async function getPartnerForAdmin(db: DbOrTx, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const [p] = await db.select().from(partners).where(eq(partners.id, id));
  if (!p) return null;
  const [codes, [user]] = await Promise.all([
    db
      .select()
      .from(partnerCodes)
      .where(eq(partnerCodes.partnerId, id))
      .orderBy(desc(partnerCodes.isCurrent), desc(partnerCodes.createdAt)),
    db
      .select({
        id: users.id,
        email: users.email,
        hasPassword: sql<boolean>`${users.passwordHash} is not null`,
        lastLoginAt: users.lastLoginAt,
      })
      .from(users)
      .where(eq(users.partnerId, id)),
  ]);
  return { ...p, code: codes.find((c) => c.isCurrent)?.code ?? null, codes, user: user ?? null };
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
