import { z } from "zod";
import { payoutDetailsInputSchema } from "./schemas";

const FIELDS_OF_KIND: Record<string, string[]> = {
  US_ACH: ["holderName", "routingNumber", "accountNumber", "accountType"],
  SEPA: ["holderName", "iban", "bic"],
  PAYPAL: ["paypalEmail"],
  CHECK: ["holderName"],
};
const ADDRESS_FIELDS = ["line1", "line2", "city", "region", "postalCode", "country"];

/**
 * The portal form posts flat fields for every method; this keeps the chosen method's fields (the address
 * nested as the API takes it) and parses them with the one input schema, so errors name `iban`,
 * `address.city`…
 */
export const payoutDetailsFormSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const f = raw as Record<string, unknown>;
  const kind = typeof f.kind === "string" ? f.kind : undefined;
  const out: Record<string, unknown> = { kind };
  for (const k of FIELDS_OF_KIND[kind ?? ""] ?? []) if (f[k] !== undefined) out[k] = f[k];
  if (kind === "CHECK")
    out.address = Object.fromEntries(ADDRESS_FIELDS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
  return out;
}, payoutDetailsInputSchema);
