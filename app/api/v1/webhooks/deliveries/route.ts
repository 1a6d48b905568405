import { apiRoute } from "@/lib/api/handler";
import { listDeliveries } from "@/lib/webhooks/deliveries";

/** Deliveries, newest first: `endpointId`, `status` (comma-separated), `eventType`, `page`, `pageSize` (parsed strictly by listDeliveries). */
export const GET = apiRoute({ auth: "admin", doc: { summary: "List webhook deliveries" } }, async ({ db, query }) =>
  listDeliveries(db, query),
);
