/** Words that are not just the enum value in sentence case (brand names keep their spelling). */
const SPELLED: Record<string, string> = { PAYPAL: "PayPal", OK: "OK" };

/** An enum value as people read it: `BANK_TRANSFER` → "Bank transfer", `PAYPAL` → "PayPal". */
export const enumLabel = (value: string): string =>
  SPELLED[value.toUpperCase()] ?? value.charAt(0).toUpperCase() + value.slice(1).toLowerCase().replace(/_/g, " ");
