import { and, asc, count, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { PAYMENT_METHODS, partners, payoutItems, PAYOUT_STATUSES, payouts, referrals, rewards } from "@/db/schema";
import {
  csvEnum,
  isUuid,
  likePattern,
  pageParams,
  parseList,
  sortParam,
  sortSpec,
  uuidParam,
  type ListResult,
  type RawListInput,
  type Scope,
} from "@/lib/query/list";
import { runList, type SortKey } from "@/lib/query/run";

export const PAYOUT_SORTS = ["createdAt", "paidAt", "amountCents", "status"] as const;

/** Which date `from`/`to` apply to: when the payout was created (default) or paid. */
export const PAYOUT_DATE_FIELDS = ["createdAt", "paidAt"] as const;

/**
 * Filters of GET /payouts, the portal's payout history and its CSV export. `dateField=paidAt` ranges
 * over the paid date: payouts not paid (PENDING, FAILED) have none, so a range leaves them out.
 */
export const payoutFilterShape = {
  status: csvEnum(PAYOUT_STATUSES).optional(),
  paymentMethod: csvEnum(PAYMENT_METHODS).optional(),
  partnerId: uuidParam("partnerId").optional(),
  batchId: uuidParam("batchId").optional(),
  q: pageParams.q,
  dateField: z
    .enum(PAYOUT_DATE_FIELDS, { error: () => `must be one of ${PAYOUT_DATE_FIELDS.join(", ")}` })
    .default("createdAt"),
  from: pageParams.from,
  to: pageParams.to,
};
/** The filter parameter names (no sort or paging): what a CSV export link carries. */
export const PAYOUT_FILTER_KEYS = Object.keys(payoutFilterShape) as (keyof typeof payoutFilterShape)[];

export const payoutListSchema = z
  .object({
    ...payoutFilterShape,
    sort: sortParam(PAYOUT_SORTS, "-createdAt"),
    page: pageParams.page,
    pageSize: pageParams.pageSize,
    cursor: pageParams.cursor,
  })
  .strict();

export type PayoutListInput = z.input<typeof payoutListSchema>;
export type PayoutListParams = z.output<typeof payoutListSchema>;
export type Payout = typeof payouts.$inferSelect;

export interface PayoutRow extends Payout {
  partnerName: string;
}

/** A reward a payout covered (kept for failed payouts too). */
export interface PayoutItemRow {
  payoutId: string;
  rewardId: string;
  amountCents: number;
  rewardType: string;
  rewardStatus: string;
  referralId: string | null;
  referralCode: string | null;
}

export interface PayoutDetail extends PayoutRow {
  items: PayoutItemRow[];
}

const SORTS: Record<(typeof PAYOUT_SORTS)[number], SortKey> = {
  createdAt: { expr: payouts.createdAt, type: "timestamptz" },
  paidAt: { expr: sql`coalesce(${payouts.paidAt}, '-infinity'::timestamptz)`, type: "timestamptz" },
  amountCents: { expr: payouts.amountCents, type: "bigint" },
  status: { expr: payouts.status, type: "payout_status" },
};

export function payoutWhere(scope: Scope, f: Partial<PayoutListParams>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (scope.partnerId) conds.push(eq(payouts.partnerId, scope.partnerId));
  if (f.partnerId) conds.push(eq(payouts.partnerId, f.partnerId));
  if (f.batchId) conds.push(eq(payouts.batchId, f.batchId));
  if (f.status?.length) conds.push(inArray(payouts.status, f.status));
  if (f.paymentMethod?.length) conds.push(inArray(payouts.paymentMethod, f.paymentMethod));
  // Same bounds as every list: `from` inclusive, `to` exclusive (a bare-date `to` already spans its day).
  const dateColumn = f.dateField === "paidAt" ? payouts.paidAt : payouts.createdAt;
  if (f.from) conds.push(gte(dateColumn, f.from));
  if (f.to) conds.push(lt(dateColumn, f.to));
  if (f.q) {
    const like = likePattern(f.q);
    conds.push(
      or(
        ilike(payouts.transactionId, like),
        ...(isUuid(f.q) ? [eq(payouts.id, f.q)] : []),
        ...(scope.partnerId
          ? []
          : [
              ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
              ilike(partners.companyName, like),
              ilike(partners.email, like),
            ]),
      ),
    );
  }
  return and(...conds);
}

/** Payouts matching the filters, newest first by default. Partner scope: only its own. */
export async function listPayouts(
  db: DbOrTx,
  scope: Scope,
  input: PayoutListInput | RawListInput = {},
): Promise<ListResult<PayoutRow>> {
  const params = parseList(payoutListSchema, input as RawListInput);
  const where = payoutWhere(scope, params);
  return runList({
    params,
    sorts: SORTS,
    idColumn: payouts.id,
    where,
    rows: async (p) => {
      const rows = await db
        .select({ payout: payouts, pf: partners.firstName, pl: partners.lastName, cursor: p.cursorValue })
        .from(payouts)
        .innerJoin(partners, eq(partners.id, payouts.partnerId))
        .where(p.where)
        .orderBy(...p.orderBy)
        .limit(p.limit)
        .offset(p.offset);
      return rows.map((r) => ({ ...r.payout, partnerName: `${r.pf} ${r.pl}`, cursor: r.cursor }));
    },
    count: async (w) => {
      const [{ n }] = await db
        .select({ n: count() })
        .from(payouts)
        .innerJoin(partners, eq(partners.id, payouts.partnerId))
        .where(w);
      return Number(n);
    },
  });
}

/** The rewards each payout covered, grouped by payout id (one query for a whole page). */
export async function payoutItemsFor(
  db: DbOrTx,
  scope: Scope,
  payoutIds: string[],
): Promise<Map<string, PayoutItemRow[]>> {
  const out = new Map<string, PayoutItemRow[]>(payoutIds.map((id) => [id, []]));
  const ids = payoutIds.filter(isUuid);
  if (!ids.length) return out;
  const rows = await db
    .select({
      payoutId: payoutItems.payoutId,
      rewardId: payoutItems.rewardId,
      amountCents: payoutItems.amountCents,
      rewardType: rewards.type,
      rewardStatus: rewards.status,
      referralId: rewards.referralId,
      referralCode: referrals.referralCode,
    })
    .from(payoutItems)
    .innerJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .innerJoin(rewards, eq(rewards.id, payoutItems.rewardId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId))
    .where(
      and(inArray(payoutItems.payoutId, ids), scope.partnerId ? eq(payouts.partnerId, scope.partnerId) : undefined),
    )
    .orderBy(asc(rewards.createdAt), asc(rewards.id));
  for (const r of rows) out.get(r.payoutId)?.push(r);
  return out;
}

/** One payout with the rewards it covered; null when absent or outside the scope (→ 404). */
export async function getPayout(db: DbOrTx, scope: Scope, id: string): Promise<PayoutDetail | null> {
  if (!isUuid(id)) return null;
  const [r] = await db
    .select({ payout: payouts, pf: partners.firstName, pl: partners.lastName })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(and(eq(payouts.id, id), scope.partnerId ? eq(payouts.partnerId, scope.partnerId) : undefined));
  if (!r) return null;
  const items = (await payoutItemsFor(db, scope, [id])).get(id) ?? [];
  return { ...r.payout, partnerName: `${r.pf} ${r.pl}`, items };
}

/**
 * Every payout of the filter for a CSV export (all pages: `page`, `pageSize` and `cursor` are ignored),
 * in the list's `sort` (newest first by default), capped at `cap` rows.
 */
export async function payoutsForExport(
  db: DbOrTx,
  scope: Scope,
  input: PayoutListInput | RawListInput = {},
  cap = 10_000,
): Promise<PayoutRow[]> {
  const params = parseList(payoutListSchema, input as RawListInput);
  const spec = sortSpec(params.sort);
  const dir = spec.desc ? sql`desc` : sql`asc`;
  const rows = await db
    .select({ payout: payouts, pf: partners.firstName, pl: partners.lastName })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(payoutWhere(scope, params))
    .orderBy(sql`${SORTS[spec.field as keyof typeof SORTS].expr} ${dir}`, sql`${payouts.id} ${dir}`)
    .limit(cap);
  return rows.map((r) => ({ ...r.payout, partnerName: `${r.pf} ${r.pl}` }));
}
