import { apiRoute } from "@/lib/api/handler";
import { erasePerson } from "@/lib/compliance/privacy";
import { privacyEraseSchema } from "@/lib/compliance/schemas";

/**
 * POST /api/v1/privacy/erase `{ email | phone, reason }`: anonymises the person's data in leads, consents, clicks,
 * payloads and audit data; keeps consent hashes and times and the money trail. Admins only; audited with masked
 * references (docs/compliance.md#privacy-requests).
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Erase a person's personal data (privacy deletion request)", successStatus: 200 },
    body: privacyEraseSchema,
  },
  async ({ db, body, actor }) => erasePerson(db, body, actor),
);
