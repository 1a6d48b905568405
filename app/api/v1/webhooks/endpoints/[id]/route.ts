import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import { updateEndpointSchema } from "@/lib/webhooks/schemas";

const params = z.object({ id: z.string() });

export const GET = apiRoute(
  { auth: "admin", doc: { summary: "Get a webhook endpoint" }, params },
  async ({ db, params }) => getEndpoint(db, params.id),
);

/** `{ enabled?, events?, description? }`: re-enable after a 410, change subscriptions. */
export const PATCH = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Update a webhook endpoint (enable, events, description)" },
    params,
    body: updateEndpointSchema,
  },
  async ({ db, params, body, actor }) => updateEndpoint(db, params.id, body, actor),
);

/** Removes the endpoint and its delivery log (204). */
export const DELETE = apiRoute(
  { auth: "admin", doc: { summary: "Delete a webhook endpoint and its delivery log" }, params },
  async ({ db, params, actor }) => {
    await deleteEndpoint(db, params.id, actor);
    return null;
  },
);
