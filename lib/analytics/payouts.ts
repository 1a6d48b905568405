import type { DbOrTx } from "@/db";
import type { PaymentMethod, PayoutStatus } from "@/db/schema/enums";
import { conversionSummary, fxContext, roundExact, type CurrencyConversion } from "./fx";
import { resolvePeriod, type AnalyticsQuery, type Period } from "./period";
import { readRollups, type RollupRow } from "./source";

/** Payout method as stored; NONE when a payout has no method recorded. */
export type PayoutMethodKey = PaymentMethod | "NONE";

export interface PayoutMonth {
  /** `YYYY-MM` of the paid day (the created day while not paid). */
  month: string;
  method: PayoutMethodKey;
  paidCount: number;
  paidCents: number;
  pendingCount: number;
  pendingCents: number;
  failedCount: number;
  failedCents: number;
}

export interface PayoutMethodTotal {
  method: PayoutMethodKey;
  paidCount: number;
  paidCents: number;
  pendingCount: number;
  pendingCents: number;
  failedCount: number;
  failedCents: number;
}

export interface PayoutSummary {
  period: Period;
  currency: string;
  byMonth: PayoutMonth[];
  byMethod: PayoutMethodTotal[];
  /** How amounts in other currencies were converted to `currency`, and which rates were missing. */
  conversion: CurrencyConversion;
}

type Totals = Omit<PayoutMethodTotal, "method">;
type Bucket = "paid" | "pending" | "failed";
/** Counts, and the exact amounts (rounded once per figure at the end). */
type Acc = { count: Record<Bucket, number>; exact: Record<Bucket, bigint> };
const acc = (): Acc => ({ count: { paid: 0, pending: 0, failed: 0 }, exact: { paid: 0n, pending: 0n, failed: 0n } });

function add(a: Acc, r: RollupRow): void {
  const status = r.status as PayoutStatus;
  const key: Bucket = status === "PAID" ? "paid" : status === "FAILED" ? "failed" : "pending";
  a.count[key] += r.count;
  a.exact[key] += r.amountExact;
}

const totals = (a: Acc): Totals => ({
  paidCount: a.count.paid,
  paidCents: roundExact(a.exact.paid),
  pendingCount: a.count.pending,
  pendingCents: roundExact(a.exact.pending),
  failedCount: a.count.failed,
  failedCents: roundExact(a.exact.failed),
});

export function summarisePayouts(rows: readonly RollupRow[]): Pick<PayoutSummary, "byMonth" | "byMethod"> {
  const months = new Map<string, { month: string; method: PayoutMethodKey; a: Acc }>();
  const methods = new Map<string, { method: PayoutMethodKey; a: Acc }>();
  for (const r of rows) {
    if (r.metric !== "payouts") continue;
    const method = r.kind as PayoutMethodKey;
    const month = r.bucket!.slice(0, 7);
    const m = months.get(`${month}|${method}`) ?? { month, method, a: acc() };
    months.set(`${month}|${method}`, m);
    add(m.a, r);
    const t = methods.get(method) ?? { method, a: acc() };
    methods.set(method, t);
    add(t.a, r);
  }
  return {
    byMonth: [...months.values()]
      .map(({ month, method, a }) => ({ month, method, ...totals(a) }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.method.localeCompare(b.method)),
    byMethod: [...methods.values()]
      .map(({ method, a }) => ({ method, ...totals(a) }))
      .sort((a, b) => b.paidCents - a.paidCents || a.method.localeCompare(b.method)),
  };
}

/** Payouts by month and method: paid by paid day, pending and failed by created day. */
export async function payoutSummary(db: DbOrTx, q: AnalyticsQuery = {}): Promise<PayoutSummary> {
  const period = resolvePeriod(q);
  const fx = await fxContext(db);
  const rows = await readRollups(db, { metrics: ["payouts"], period, partnerId: q.partnerId, interval: "month", fx });
  return { period, currency: fx.currency, ...summarisePayouts(rows), conversion: conversionSummary(fx) };
}
