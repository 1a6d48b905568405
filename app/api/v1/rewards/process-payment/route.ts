import { apiRoute } from "@/lib/api/handler";
import { paymentResponse, processPaymentByBodySchema } from "@/lib/api/payment";
import { paymentJson } from "@/lib/api/response-schemas";

/** The seed's id-less form: `{ rewardId, paymentMethod, transactionId }`; same answers as /rewards/{id}/process-payment. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "The seed's id-less payment: rewardId in the body", response: paymentJson },
    body: processPaymentByBodySchema,
  },
  ({ db, actor, body: { rewardId, ...input } }) => paymentResponse(db, rewardId, input, actor),
);
