import { kindFormSchema, postedAddress } from "@/lib/form-values";
import { taxFormInputSchema } from "./schemas";

/**
 * The portal form posts flat fields for both forms; this keeps the chosen form's fields, nests the address
 * (`addressCountry` → `address.country`) and turns the ticked box into `certify: true`, then parses with
 * the one input schema, so errors name `tin`, `address.city`, `certify`…
 */
export const taxFormFormSchema = kindFormSchema(
  {
    W9: ["legalName", "businessName", "taxClassification", "tinType", "tin", "signatureName"],
    W8BEN: ["legalName", "country", "foreignTin", "signatureName"],
  },
  taxFormInputSchema,
  (f, kind) => {
    const address = postedAddress(f, "addressCountry");
    if (kind === "W9" && address.country === undefined) address.country = "US";
    return { address, certify: f.certify === true || f.certify === "on" || f.certify === "true" ? true : undefined };
  },
);
