import { apiRoute } from "@/lib/api/handler";
import { paymentResponse, processPaymentByBodySchema } from "@/lib/api/payment";

/** The seed's id-less form: `{ rewardId, paymentMethod, transactionId }`; same answers as /rewards/{id}/process-payment. */
export const POST = apiRoute({ auth: "admin", body: processPaymentByBodySchema }, ({ db, actor, body: { rewardId, ...input } }) =>
  paymentResponse(db, rewardId, input, actor),
);
