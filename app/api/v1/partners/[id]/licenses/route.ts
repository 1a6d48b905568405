import { readResource } from "@/lib/api/doors";
import { apiRoute } from "@/lib/api/handler";
import { apiResources } from "@/lib/api/resources";
import { partnerJson } from "@/lib/api/response-schemas";
import { idParams } from "@/lib/api/schemas";
import { licencesInputSchema, setPartnerLicences } from "@/lib/compliance/licences";

/**
 * Replaces the partner's licences (admins): `[{ state, number?, lines, expiresOn, verified, evidenceNote? }]`,
 * one per state; `verified` is the admin's attestation, recorded with who and when (docs/compliance.md#licences).
 * Answers the partner as GET does, with its `licenses`.
 */
export const PUT = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Set a partner's licences (admins): the list replaces the licences on file",
      response: partnerJson,
      successStatus: 200,
    },
    params: idParams,
    body: licencesInputSchema,
  },
  async ({ db, actor, params, body }) => {
    await setPartnerLicences(db, params.id, body, actor);
    return readResource(apiResources.partner, db, {}, params.id);
  },
);
