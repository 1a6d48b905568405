/** Partners whose approved rewards go into payout batches; suspended and terminated partners are held back. */
export const PAYABLE_PARTNER_STATUSES = ["ACTIVE", "INACTIVE"] as const;

export const isPayablePartnerStatus = (status: string): boolean =>
  (PAYABLE_PARTNER_STATUSES as readonly string[]).includes(status);
