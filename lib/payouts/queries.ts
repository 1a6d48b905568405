import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { formatRate, parseRate } from "@/lib/fx/math";
import { findRates } from "@/lib/fx/rates";
import { convertPayout, type PayoutConversion } from "./conversion";
import {
  PAYMENT_METHODS,
  partners,
  payoutConversions,
  payoutItems,
  PAYOUT_STATUSES,
  payouts,
  referrals,
  rewards,
} from "@/db/schema";
import {
  csvEnum,
  listSchema,
  pageParams,
  parseList,
  sortSpec,
  uuidParam,
  type RawListInput,
  type Scope,
} from "@/lib/query/list";
import { isUuid } from "@/lib/validation";
import { listFromSelect, listWhere, type SortKey } from "@/lib/query/run";
import { getSettings } from "@/lib/settings";
import { taxPositions } from "@/lib/tax/totals";
import { isPayoutDue, payoutMinimumCents, taxHoldReason } from "./eligibility";

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

export const payoutListSchema = listSchema(payoutFilterShape, PAYOUT_SORTS);

export type PayoutListInput = z.input<typeof payoutListSchema>;
export type PayoutListParams = z.output<typeof payoutListSchema>;
type Payout = typeof payouts.$inferSelect;

export interface PayoutRow extends Payout {
  partnerName: string;
  partnerEmail: string;
  /** The partner's current payout method and details (what the bank file pays to). */
  partnerPayoutMethod: string | null;
  partnerPayoutDetails: Record<string, string> | null;
}

/** A reward a payout covered (kept for failed payouts too). */
export interface PayoutItemRow {
  payoutId: string;
  rewardId: string;
  /** The reward's amount in its own currency (the payout's `conversions` say at what rate it was converted). */
  amountCents: number;
  currency: string;
  rewardType: string;
  rewardStatus: string;
  referralId: string | null;
  referralCode: string | null;
  rewardCreatedAt: Date;
}

export interface PayoutDetail extends PayoutRow {
  items: PayoutItemRow[];
  conversions: PayoutConversion[];
}

const SORTS: Record<(typeof PAYOUT_SORTS)[number], SortKey> = {
  createdAt: { expr: payouts.createdAt, type: "timestamptz" },
  paidAt: { expr: sql`coalesce(${payouts.paidAt}, '-infinity'::timestamptz)`, type: "timestamptz" },
  amountCents: { expr: payouts.amountCents, type: "bigint" },
  status: { expr: payouts.status, type: "payout_status" },
};

/** The partner columns of a payout row (joined on `partners`). */
const partnerFields = {
  pf: partners.firstName,
  pl: partners.lastName,
  partnerEmail: partners.email,
  partnerPayoutMethod: partners.payoutMethod,
  partnerPayoutDetails: partners.payoutDetails,
};

function payoutRow<R extends { payout: Payout; pf: string; pl: string }>({ payout, pf, pl, ...rest }: R) {
  return { ...payout, partnerName: `${pf} ${pl}`, ...rest };
}

export function payoutWhere(scope: Scope, f: Partial<PayoutListParams>): SQL | undefined {
  return listWhere(f, {
    equal: [
      [payouts.partnerId, scope.partnerId],
      [payouts.partnerId, f.partnerId],
      [payouts.batchId, f.batchId],
    ],
    oneOf: [
      [payouts.status, f.status],
      [payouts.paymentMethod, f.paymentMethod],
    ],
    // Same bounds as every list: `from` inclusive, `to` exclusive (a bare-date `to` already spans its day).
    range: f.dateField === "paidAt" ? payouts.paidAt : payouts.createdAt,
    search: (like, q) =>
      or(
        ilike(payouts.transactionId, like),
        ...(isUuid(q) ? [eq(payouts.id, q)] : []),
        ...(scope.partnerId
          ? []
          : [
              ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
              ilike(partners.companyName, like),
              ilike(partners.email, like),
            ]),
      ),
  });
}

const withPartner = <T extends PgSelect>(qb: T): T =>
  qb.innerJoin(partners, eq(partners.id, payouts.partnerId)) as unknown as T;

/** Payouts matching the filters, newest first by default. Partner scope: only its own. */
export const listPayouts = listFromSelect({
  schema: payoutListSchema,
  sorts: SORTS,
  idColumn: payouts.id,
  where: payoutWhere,
  select: (db, cursor) =>
    withPartner(
      db
        .select({ payout: payouts, ...partnerFields, cursor })
        .from(payouts)
        .$dynamic(),
    ),
  shape: (r): PayoutRow => payoutRow(r),
  countFrom: (db) => withPartner(db.select({ id: payouts.id }).from(payouts).$dynamic()),
});

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
      currency: rewards.currency,
      rewardType: rewards.type,
      rewardStatus: rewards.status,
      referralId: rewards.referralId,
      referralCode: referrals.referralCode,
      rewardCreatedAt: rewards.createdAt,
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
    .select({ payout: payouts, ...partnerFields })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(and(eq(payouts.id, id), scope.partnerId ? eq(payouts.partnerId, scope.partnerId) : undefined));
  if (!r) return null;
  const [items, conversions] = await Promise.all([
    payoutItemsFor(db, scope, [id]).then((m) => m.get(id) ?? []),
    db
      .select()
      .from(payoutConversions)
      .where(eq(payoutConversions.payoutId, id))
      .orderBy(asc(payoutConversions.fromCurrency)),
  ]);
  return {
    ...payoutRow(r),
    items,
    conversions: conversions.map(({ payoutId: _p, ...c }) => ({ ...c, rate: formatRate(parseRate(c.rate)!) })),
  };
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
    .select({ payout: payouts, ...partnerFields })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(payoutWhere(scope, params))
    .orderBy(sql`${SORTS[spec.field as keyof typeof SORTS].expr} ${dir}`, sql`${payouts.id} ${dir}`)
    .limit(cap);
  return rows.map(payoutRow);
}

/** A partner's approved, unpaid rewards, in its payout currency: what a new batch could pay them. */
export interface PayableRow {
  partnerId: string;
  partnerName: string;
  partnerStatus: string;
  payoutMethod: string | null;
  /** The payout currency (the partner's, else its own currency). */
  currency: string;
  rewardCount: number;
  /** In the payout currency, converted at today's rates (0 while blocked). */
  amountCents: number;
  /** The rewards' totals in the currencies they were earned in, when any differs from `currency`. */
  originals: { currency: string; amountCents: number }[];
  /** Why a batch cannot pay it today (a missing exchange rate names the pair); null when it can. */
  blockedReason: string | null;
  /** The partner's own minimum; null when the program's applies. */
  partnerMinimumCents: number | null;
  /** Paid by a batch without a minimum of its own (`isPayoutDue` at the partner's or the program's minimum), unless held. */
  eligible: boolean;
  /** Why a batch would hold it for tax (`taxHoldReason`), else null. */
  taxHold: string | null;
}

/**
 * Approved, unpaid rewards per partner in its payout currency, converted as a batch created now would
 * (`convertPayout`), largest first: the preview of a new payout batch, with the same tax hold as the batch
 * (`thresholdCents`: the 1099-NEC threshold setting, read when omitted).
 */
export async function payableByPartner(
  db: DbOrTx,
  programMinimumCents: number,
  opts: { thresholdCents?: number; now?: Date } = {},
): Promise<PayableRow[]> {
  const now = opts.now ?? new Date();
  const day = now.toISOString().slice(0, 10);
  const rows = await db
    .select({
      partnerId: rewards.partnerId,
      partnerName: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
      partnerStatus: partners.status,
      payoutMethod: partners.payoutMethod,
      payoutCurrency: sql<string>`coalesce(${partners.payoutCurrency}, ${partners.currency})`,
      currency: rewards.currency,
      rewardCount: count(),
      amountCents: sql<number>`sum(${rewards.amountCents})`.mapWith(Number),
      partnerMinimumCents: partners.minimumPayoutCents,
    })
    .from(rewards)
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .where(and(eq(rewards.status, "APPROVED"), isNull(rewards.payoutId)))
    .groupBy(rewards.partnerId, partners.id, rewards.currency)
    .orderBy(rewards.partnerId, rewards.currency);
  const rates = await findRates(
    db,
    rows.filter((r) => r.currency !== r.payoutCurrency).map((r) => `${r.currency}→${r.payoutCurrency}`),
    day,
  );
  const byPartner = new Map<string, typeof rows>();
  for (const r of rows) byPartner.set(r.partnerId, [...(byPartner.get(r.partnerId) ?? []), r]);
  const thresholdCents = opts.thresholdCents ?? (await getSettings(db)).form1099ThresholdCents;
  const tax = await taxPositions(db, [...byPartner.keys()], now);
  const out = [...byPartner.values()].map((g): PayableRow => {
    const { payoutCurrency, currency: _c, amountCents: _a, rewardCount: _n, ...partner } = g[0];
    const conv = convertPayout(g, payoutCurrency, day, (from) => rates.get(`${from}→${payoutCurrency}`) ?? null);
    const amountCents = conv.ok ? conv.amountCents : 0;
    const taxHold = conv.ok
      ? taxHoldReason({ currency: payoutCurrency, amountCents, tax: tax.get(partner.partnerId), thresholdCents })
      : null;
    return {
      ...partner,
      currency: payoutCurrency,
      rewardCount: g.reduce((a, r) => a + r.rewardCount, 0),
      amountCents,
      originals: g.some((r) => r.currency !== payoutCurrency)
        ? g.map((r) => ({ currency: r.currency, amountCents: r.amountCents }))
        : [],
      blockedReason: conv.ok ? null : conv.reason,
      taxHold,
      eligible:
        conv.ok &&
        !taxHold &&
        isPayoutDue({
          partnerStatus: partner.partnerStatus,
          amountCents,
          minimumCents: payoutMinimumCents({ partner: partner.partnerMinimumCents, program: programMinimumCents }),
        }),
    };
  });
  return out.sort((a, b) => b.amountCents - a.amountCents || a.partnerId.localeCompare(b.partnerId));
}
