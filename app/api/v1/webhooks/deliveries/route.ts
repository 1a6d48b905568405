import { apiRoute } from "@/lib/api/handler";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { listDeliveriesSchema } from "@/lib/webhooks/schemas";

/** Deliveries, newest first: `endpointId`, `status` (comma-separated), `eventType`, `page`, `pageSize`. */
export const GET = apiRoute({ auth: "admin", query: listDeliveriesSchema }, async ({ db, query }) => listDeliveries(db, query));
