import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { revokeApiKey } from "@/lib/auth/api-keys";

/** DELETE /api/v1/api-keys/{id}: revokes the key (it stops working at once); the row stays for the audit trail. */
export const DELETE = apiRoute(
  { auth: "admin", params: idParams, doc: { summary: "Revoke an API key", successStatus: 200 } },
  async ({ db, params, actor }) => revokeApiKey(db, params.id, actor),
);
