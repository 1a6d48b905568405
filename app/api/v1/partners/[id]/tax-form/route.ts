import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { requireTaxForm } from "@/lib/tax/forms";
import { taxFormJson } from "@/lib/tax/schemas";

/** A partner's tax form on file (admins), the TIN masked; 404 while none is on file. */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: { summary: "A partner's tax form (W-9 or W-8BEN), TIN masked", response: taxFormJson, successStatus: 200 },
    params: idParams,
  },
  async ({ db, params }) => requireTaxForm(db, params.id),
);
