import { z } from "zod";
import { apiRoute, created } from "@/lib/api/handler";
import { paginated, paginationQuery, parsePagination } from "@/lib/api/schemas";
import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { createApiKeySchema } from "@/lib/auth/schemas";

/** GET /api/v1/api-keys: every key with its last-used time (never the secret). Admin only. */
export const GET = apiRoute(
  {
    auth: "admin",
    query: z.object(paginationQuery).strict(),
    doc: { summary: "List API keys with their last use", successStatus: 200 },
  },
  async ({ db, query }) => {
    const page = parsePagination(query);
    const { rows, total } = await listApiKeys(db, page);
    return paginated(rows, page, total);
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
