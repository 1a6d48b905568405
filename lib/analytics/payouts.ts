import type { DbOrTx } from "@/db";
import type { PaymentMethod, PayoutStatus } from "@/db/schema/enums";
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
}

type Totals = Omit<PayoutMethodTotal, "method">;
const empty = (): Totals => ({
  paidCount: 0,
  paidCents: 0,
  pendingCount: 0,
  pendingCents: 0,
  failedCount: 0,
  failedCents: 0,
});

function add(t: Totals, r: RollupRow): void {
  const status = r.status as PayoutStatus;
  const key = status === "PAID" ? "paid" : status === "FAILED" ? "failed" : "pending";
  t[`${key}Count`] += r.count;
  t[`${key}Cents`] += r.amountCents;
}

export function summarisePayouts(rows: readonly RollupRow[]): Pick<PayoutSummary, "byMonth" | "byMethod"> {
  const months = new Map<string, PayoutMonth>();
  const methods = new Map<string, PayoutMethodTotal>();
  for (const r of rows) {
    if (r.metric !== "payouts") continue;
    const method = r.kind as PayoutMethodKey;
    const month = r.bucket!.slice(0, 7);
    const m = months.get(`${month}|${method}`) ?? { month, method, ...empty() };
    months.set(`${month}|${method}`, m);
    add(m, r);
    const t = methods.get(method) ?? { method, ...empty() };
    methods.set(method, t);
    add(t, r);
  }
  return {
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month) || a.method.localeCompare(b.method)),
    byMethod: [...methods.values()].sort((a, b) => b.paidCents - a.paidCents || a.method.localeCompare(b.method)),
  };
}

/** Payouts by month and method: paid by paid day, pending and failed by created day. */
export async function payoutSummary(db: DbOrTx, q: AnalyticsQuery = {}): Promise<PayoutSummary> {
  const period = resolvePeriod(q);
  const rows = await readRollups(db, { metrics: ["payouts"], period, partnerId: q.partnerId, interval: "month" });
  return { period, currency: "USD", ...summarisePayouts(rows) };
}
