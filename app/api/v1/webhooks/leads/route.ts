import { apiRoute } from "@/lib/api/handler";
import { readRawBody, receiveInboundWebhook } from "@/lib/webhooks/inbound";

/**
 * Inbound CRM events. No session or key: the Standard Webhooks signature (inbound secret from the
 * settings) authenticates the sender, checked before anything is written. Repeats answer 200 with
 * the first result.
 */
export const POST = apiRoute(
  { auth: "public", doc: { summary: "Receive signed lead events from your CRM" } },
  async ({ db, req }) => {
    const out = await receiveInboundWebhook(db, await readRawBody(req), req.headers);
    return { received: true, webhookId: out.webhookId, duplicate: out.duplicate, result: out.result };
  },
);
