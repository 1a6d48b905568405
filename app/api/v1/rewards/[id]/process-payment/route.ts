import { apiRoute } from "@/lib/api/handler";
import { processPayment } from "@/lib/rewards/payment";
import { paymentAnswer } from "@/lib/api/serializers";
import { idParams } from "@/lib/api/schemas";
import { processPaymentSchema } from "@/lib/rewards/schemas";
import { paymentJson } from "@/lib/api/response-schemas";

/** `{ "paymentMethod": "BANK_TRANSFER", "transactionId": "TXN-12345" }` (admins). */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Pay one reward now (201; the same transaction id replays with 200)", response: paymentJson },
    params: idParams,
    body: processPaymentSchema,
  },
  async ({ db, actor, params, body }) => paymentAnswer(await processPayment(db, params.id, body, actor)),
);
