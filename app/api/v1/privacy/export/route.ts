import { apiRoute } from "@/lib/api/handler";
import { exportPerson } from "@/lib/compliance/privacy";
import { privacySubjectSchema } from "@/lib/compliance/schemas";

/**
 * POST /api/v1/privacy/export `{ email | phone }`: every record about that person (leads, consents, referrals,
 * clicks, audit events, webhook payloads). Admins only; audited with masked references (docs/compliance.md).
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Export every record about a person (privacy access request)", successStatus: 200 },
    body: privacySubjectSchema,
  },
  async ({ db, body, actor }) => exportPerson(db, body, actor),
);
