import { apiRoute } from "@/lib/api/handler";
import { requireTaxForm, saveTaxForm } from "@/lib/tax/forms";
import { taxFormInputSchema, taxFormJson } from "@/lib/tax/schemas";

/** The calling partner's tax form on file, the TIN masked (404 while none is on file). */
export const GET = apiRoute(
  {
    auth: "partner",
    doc: {
      summary: "The calling partner's tax form (W-9 or W-8BEN), TIN masked",
      response: taxFormJson,
      successStatus: 200,
    },
  },
  async ({ db, principal }) => requireTaxForm(db, principal.partnerId),
);

/**
 * Signs and submits the calling partner's W-9 or W-8BEN (replaces the one on file). The TIN is sealed at
 * rest and answered masked; the signature's timestamp is the server's. Audited.
 */
export const PUT = apiRoute(
  {
    auth: "partner",
    doc: {
      summary: "Sign and submit the calling partner's W-9 (US) or W-8BEN (not US)",
      description:
        "`kind: W9` with legalName, businessName?, taxClassification, address (US), tinType SSN|EIN and tin (9 digits); `kind: W8BEN` with legalName, country, address (outside the US) and foreignTin. Both need signatureName and `certify: true` (docs/payouts.md#tax-forms).",
      response: taxFormJson,
      successStatus: 200,
    },
    body: taxFormInputSchema,
  },
  async ({ db, principal, actor, body }) => saveTaxForm(db, principal.partnerId, body, actor),
);
