/** Partners whose approved rewards go into payout batches; suspended and terminated partners are held back. */
export const PAYABLE_PARTNER_STATUSES = ["ACTIVE", "INACTIVE"] as const;

export const isPayablePartnerStatus = (status: string): boolean =>
  (PAYABLE_PARTNER_STATUSES as readonly string[]).includes(status);

/** The next payout day (UTC `YYYY-MM-DD`), today included, from the program's payout day of the month. */
export function nextPayoutDate(now: Date, dayOfMonth: number): string {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d =
    now.getUTCDate() <= dayOfMonth ? new Date(Date.UTC(y, m, dayOfMonth)) : new Date(Date.UTC(y, m + 1, dayOfMonth));
  return d.toISOString().slice(0, 10);
}
