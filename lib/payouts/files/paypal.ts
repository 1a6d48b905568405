import { csvLines } from "@/lib/csv";
import { centsToMajor } from "@/lib/decimal";

export interface PaypalItem {
  email: string;
  amountCents: number;
  currency: string;
  /** Comes back in PayPal's report as the item's reference: the payout id. */
  reference: string;
  note: string;
}

/**
 * PayPal Payouts bulk upload CSV (docs/bank-files.md#paypal): no header line; per recipient the e-mail,
 * amount (major units, two decimals), currency, reference, note to the recipient and the wallet (`PAYPAL`).
 */
export function buildPaypalCsv(items: PaypalItem[]): string {
  return csvLines(items.map((i) => [i.email, centsToMajor(i.amountCents), i.currency, i.reference, i.note, "PAYPAL"]));
}
