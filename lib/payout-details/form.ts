import { kindFormSchema, postedAddress } from "@/lib/form-values";
import { payoutDetailsInputSchema } from "./schemas";

/**
 * The portal form posts flat fields for every method; this keeps the chosen method's fields (the address
 * nested as the API takes it) and parses them with the one input schema, so errors name `iban`,
 * `address.city`…
 */
export const payoutDetailsFormSchema = kindFormSchema(
  {
    US_ACH: ["holderName", "routingNumber", "accountNumber", "accountType"],
    SEPA: ["holderName", "iban", "bic"],
    PAYPAL: ["paypalEmail"],
    CHECK: ["holderName"],
  },
  payoutDetailsInputSchema,
  (f, kind) => (kind === "CHECK" ? { address: postedAddress(f) } : {}),
);
