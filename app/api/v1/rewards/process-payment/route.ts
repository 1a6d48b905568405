import { apiRoute } from "@/lib/api/handler";
import { processPaymentByBodySchema } from "@/lib/rewards/schemas";
import { processPayment } from "@/lib/rewards/payment";
import { paymentAnswer } from "@/lib/api/serializers";
import { paymentJson } from "@/lib/api/response-schemas";

/** The id-less form: `{ rewardId, paymentMethod, transactionId }`; same answers as /rewards/{id}/process-payment. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Process a payment, rewardId in the body", response: paymentJson },
    body: processPaymentByBodySchema,
  },
  async ({ db, actor, body: { rewardId, ...input } }) =>
    paymentAnswer(await processPayment(db, rewardId, input, actor)),
);
