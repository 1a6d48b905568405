import "server-only";
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { PAYMENT_METHODS, PAYOUT_STATUSES, partners, payoutItems, payouts, referrals, rewards } from "@/db/schema";
import { enumList, isoFrom, isoTo, pageInput, parseInput } from "./pagination";

export const payoutListSchema = z
  .object({
    status: enumList(PAYOUT_STATUSES, "status").optional(),
    method: enumList(PAYMENT_METHODS, "method").optional(),
    partnerId: z.uuid("partnerId must be a UUID").optional(),
    batchId: z.uuid("batchId must be a UUID").optional(),
    from: isoFrom.optional(),
    to: isoTo.optional(),
    ...pageInput,
  })
  .strict();
export type PayoutListInput = z.input<typeof payoutListSchema>;

function whereOf(f: z.infer<typeof payoutListSchema>): SQL | undefined {
  return and(
    f.status ? inArray(payouts.status, f.status) : undefined,
    f.method ? inArray(payouts.paymentMethod, f.method) : undefined,
    f.partnerId ? eq(payouts.partnerId, f.partnerId) : undefined,
    f.batchId ? eq(payouts.batchId, f.batchId) : undefined,
    f.from ? gte(payouts.createdAt, f.from) : undefined,
    f.to ? lt(payouts.createdAt, f.to) : undefined,
  );
}

const payoutColumns = {
  id: payouts.id,
  partnerId: payouts.partnerId,
  partnerName: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
  partnerEmail: partners.email,
  amountCents: payouts.amountCents,
  currency: payouts.currency,
  status: payouts.status,
  paymentMethod: payouts.paymentMethod,
  partnerPayoutMethod: partners.payoutMethod,
  payoutDetails: partners.payoutDetails,
  transactionId: payouts.transactionId,
  rewardCount: payouts.rewardCount,
  batchId: payouts.batchId,
  failureReason: payouts.failureReason,
  createdAt: payouts.createdAt,
  paidAt: payouts.paidAt,
  failedAt: payouts.failedAt,
};
export type PayoutRow = Awaited<ReturnType<typeof listPayouts>>["data"][number];

export async function listPayouts(db: DbOrTx, input: PayoutListInput, opts: { all?: boolean } = {}) {
  const f = parseInput(payoutListSchema, input);
  const where = whereOf(f);
  const q = db
    .select(payoutColumns)
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(where)
    .orderBy(desc(payouts.createdAt), desc(payouts.id));
  const [data, [{ n }]] = await Promise.all([
    opts.all ? q.limit(100_000) : q.limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(payouts).where(where),
  ]);
  return { data, pagination: { page: f.page, pageSize: f.pageSize, total: n, nextCursor: null } };
}

/** A payout with its partner and the rewards it covered (kept even after a failure). */
export async function getPayoutForAdmin(db: DbOrTx, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const [p] = await db
    .select(payoutColumns)
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(eq(payouts.id, id));
  if (!p) return null;
  const items = await db
    .select({
      rewardId: payoutItems.rewardId,
      amountCents: payoutItems.amountCents,
      type: rewards.type,
      status: rewards.status,
      referralId: rewards.referralId,
      referralCode: referrals.referralCode,
      createdAt: rewards.createdAt,
    })
    .from(payoutItems)
    .innerJoin(rewards, eq(rewards.id, payoutItems.rewardId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId))
    .where(eq(payoutItems.payoutId, id))
    .orderBy(asc(rewards.createdAt));
  return { ...p, items };
}

/** Approved, unpaid rewards per partner: what a new batch could pay, with who reaches the minimum. */
export async function payableByPartner(db: DbOrTx, minimumCents: number) {
  const rows = await db
    .select({
      partnerId: rewards.partnerId,
      partnerName: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
      partnerStatus: partners.status,
      payoutMethod: partners.payoutMethod,
      currency: rewards.currency,
      rewardCount: count(),
      amountCents: sql<number>`sum(${rewards.amountCents})`.mapWith(Number),
    })
    .from(rewards)
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .where(and(eq(rewards.status, "APPROVED"), sql`${rewards.payoutId} is null`))
    .groupBy(
      rewards.partnerId,
      partners.firstName,
      partners.lastName,
      partners.status,
      partners.payoutMethod,
      rewards.currency,
    )
    .orderBy(desc(sql`sum(${rewards.amountCents})`));
  return rows.map((r) => ({ ...r, eligible: r.amountCents >= minimumCents }));
}

const CSV_FIELDS = [
  "payout_id",
  "batch_id",
  "partner_id",
  "partner_name",
  "partner_email",
  "payment_method",
  "payout_details",
  "amount",
  "amount_cents",
  "currency",
  "status",
  "transaction_id",
  "created_at",
  "paid_at",
];

/** The bank upload / history export: one row per payout, amounts in major units and in cents. */
export function payoutsCsv(rows: PayoutRow[]): string {
  return Papa.unparse(
    {
      fields: CSV_FIELDS,
      data: rows.map((r) => [
        r.id,
        r.batchId ?? "",
        r.partnerId,
        r.partnerName,
        r.partnerEmail,
        r.paymentMethod ?? r.partnerPayoutMethod ?? "",
        r.payoutDetails
          ? Object.entries(r.payoutDetails)
              .map(([k, v]) => `${k}: ${v}`)
              .join("; ")
          : "",
        `${Math.trunc(r.amountCents / 100)}.${String(Math.abs(r.amountCents % 100)).padStart(2, "0")}`,
        r.amountCents,
        r.currency,
        r.status,
        r.transactionId ?? "",
        r.createdAt.toISOString(),
        r.paidAt?.toISOString() ?? "",
      ]),
    },
    { escapeFormulae: true },
  );
}
