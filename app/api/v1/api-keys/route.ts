import { z } from "zod";
import { apiRoute, created } from "@/lib/api/handler";
import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { createApiKeySchema } from "@/lib/auth/schemas";
import { pageParams } from "@/lib/query/list";

/** GET /api/v1/api-keys: every key with its last-used time (never the secret). Admin only. */
export const GET = apiRoute(
  {
    auth: "admin",
    // The shared page bounds; keys are few, so there are pages but no cursor (one is accepted and ignored).
    query: z.object({ page: pageParams.page, pageSize: pageParams.pageSize, cursor: pageParams.cursor }).strict(),
    doc: { summary: "List API keys with their last use", successStatus: 200 },
  },
  async ({ db, query }) => {
    const { page, pageSize } = query;
    const { rows, total } = await listApiKeys(db, { limit: pageSize, offset: (page - 1) * pageSize });
    return { data: rows, pagination: { page, pageSize, total, nextCursor: null } };
  },
);

/** POST /api/v1/api-keys: `{ name, role, partnerId? }` → 201 with `key`, shown this once. Admin only. */
export const POST = apiRoute(
  {
    auth: "admin",
    body: createApiKeySchema,
    doc: { summary: "Create an API key (the secret is returned once)", successStatus: 201 },
  },
  async ({ db, body, actor }) => created(await createApiKey(db, body, actor)),
);
