import { centsToMajor } from "@/lib/decimal";

/** Partners whose approved rewards go into payout batches; suspended and terminated partners are held back. */
export const PAYABLE_PARTNER_STATUSES = ["ACTIVE", "INACTIVE"] as const;

export const isPayablePartnerStatus = (status: string): boolean =>
  (PAYABLE_PARTNER_STATUSES as readonly string[]).includes(status);

/**
 * The minimum a partner's approved, unpaid total must reach to be paid: the batch's minimum when the admin
 * set one, else the partner's own, else the program's. The one rule behind the batch, its preview on
 * /admin/payouts and the partner's "next payout".
 */
export function payoutMinimumCents(m: { batch?: number | null; partner: number | null; program: number }): number {
  return m.batch ?? m.partner ?? m.program;
}

/** Whether a partner's approved, unpaid total goes into a payout: a payable status, above 0 and at least the minimum. */
export function isPayoutDue(p: { partnerStatus: string; amountCents: number; minimumCents: number }): boolean {
  return isPayablePartnerStatus(p.partnerStatus) && p.amountCents > 0 && p.amountCents >= p.minimumCents;
}

/** The next payout day (UTC `YYYY-MM-DD`), today included, from the program's payout day of the month. */
export function nextPayoutDate(now: Date, dayOfMonth: number): string {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d =
    now.getUTCDate() <= dayOfMonth ? new Date(Date.UTC(y, m, dayOfMonth)) : new Date(Date.UTC(y, m + 1, dayOfMonth));
  return d.toISOString().slice(0, 10);
}

/** What the tax rule needs to know about a partner (lib/tax/totals.ts `taxPositions`). */
export interface TaxPosition {
  /** A W-9 is on file, or no W-8BEN and no details abroad (docs/payouts.md#tax-forms). */
  usPerson: boolean;
  w9OnFile: boolean;
  /** Paid by PayPal: the platform reports those on 1099-K, so they never count. */
  paidByPaypal: boolean;
  /** This calendar year's USD total so far: PAID (PayPal excluded) plus PENDING payouts. */
  yearTotalCents: number;
  year: number;
}

/**
 * Why a payout is held for tax (null = not held): a US partner with no W-9 on file whose calendar-year
 * total, this payout included, would reach the 1099-NEC threshold. Only USD payouts not sent by PayPal
 * count. The one rule behind the batch and its preview.
 */
export function taxHoldReason(p: {
  currency: string;
  amountCents: number;
  tax: TaxPosition | undefined;
  thresholdCents: number;
}): string | null {
  const t = p.tax;
  if (!t || !t.usPerson || t.w9OnFile || t.paidByPaypal || p.currency !== "USD") return null;
  const total = t.yearTotalCents + p.amountCents;
  if (total < p.thresholdCents) return null;
  return (
    `Held for tax: no W-9 on file, and this payout would bring the partner's ${t.year} total to USD ` +
    `${centsToMajor(total)}, at or above the 1099-NEC threshold of USD ${centsToMajor(p.thresholdCents)}. ` +
    `It is paid once the partner files a W-9.`
  );
}
