import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { getDelivery } from "@/lib/webhooks/deliveries";

/** One delivery with every attempt (`attemptLog`). */
export const GET = apiRoute(
  { auth: "admin", doc: { summary: "Get a webhook delivery with its attempts" }, params: z.object({ id: z.string() }) },
  async ({ db, params }) => getDelivery(db, params.id),
);
