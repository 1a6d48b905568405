import { z } from "zod";
import { apiRoute, created } from "@/lib/api/handler";
import { replayDelivery } from "@/lib/webhooks/deliveries";

/** Queues the same message (same `webhook-id`) again as a new delivery, due at once; 409 while the endpoint is disabled. */
export const POST = apiRoute(
  { auth: "admin", doc: { summary: "Replay a webhook delivery" }, params: z.object({ id: z.string() }) },
  async ({ db, params, actor }) => created(await replayDelivery(db, params.id, actor)),
);
