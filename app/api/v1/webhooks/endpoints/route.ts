import { apiRoute, created } from "@/lib/api/handler";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/endpoints";
import { createEndpointSchema } from "@/lib/webhooks/schemas";

/** Registered endpoints (no secrets). */
export const GET = apiRoute({ auth: "admin", doc: { summary: "List webhook endpoints" } }, async ({ db }) => {
  const data = await listEndpoints(db);
  return { data, pagination: { page: 1, pageSize: data.length, total: data.length, nextCursor: null } };
});

/** Registers an endpoint; the answer carries its `whsec_` signing secret, shown only this once. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Register a webhook endpoint (its signing secret is shown once)" },
    body: createEndpointSchema,
  },
  async ({ db, body, actor }) => created(await createEndpoint(db, body, actor)),
);
