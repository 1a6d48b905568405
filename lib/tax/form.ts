import { z } from "zod";
import { taxFormInputSchema } from "./schemas";

const FIELDS_OF_KIND: Record<string, string[]> = {
  W9: ["legalName", "businessName", "taxClassification", "tinType", "tin", "signatureName"],
  W8BEN: ["legalName", "country", "foreignTin", "signatureName"],
};
const ADDRESS_FIELDS = ["line1", "line2", "city", "region", "postalCode", "country"];

/**
 * The portal form posts flat fields for both forms; this keeps the chosen form's fields, nests the address
 * (`addressCountry` → `address.country`) and turns the ticked box into `certify: true`, then parses with
 * the one input schema, so errors name `tin`, `address.city`, `certify`…
 */
export const taxFormFormSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const f = raw as Record<string, unknown>;
  const kind = typeof f.kind === "string" ? f.kind : undefined;
  const out: Record<string, unknown> = { kind };
  for (const k of FIELDS_OF_KIND[kind ?? ""] ?? []) if (f[k] !== undefined) out[k] = f[k];
  const address: Record<string, unknown> = {};
  for (const k of ADDRESS_FIELDS) {
    const v = f[k === "country" ? "addressCountry" : k];
    if (v !== undefined) address[k] = v;
  }
  if (kind === "W9" && address.country === undefined) address.country = "US";
  out.address = address;
  out.certify = f.certify === true || f.certify === "on" || f.certify === "true" ? true : undefined;
  return out;
}, taxFormInputSchema);
