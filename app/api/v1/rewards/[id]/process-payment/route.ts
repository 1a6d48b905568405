import { adminActionRoute } from "@/lib/api/doors";
import { processPayment } from "@/lib/rewards/payment";
import { paymentAnswer } from "@/lib/api/serializers";
import { processPaymentSchema } from "@/lib/rewards/schemas";
import { paymentJson } from "@/lib/api/response-schemas";

/** `{ "paymentMethod": "BANK_TRANSFER", "transactionId": "TXN-12345" }` (admins). */
export const POST = adminActionRoute(
  { summary: "Pay one reward now (201; the same transaction id replays with 200)", response: paymentJson },
  processPaymentSchema,
  processPayment,
  paymentAnswer,
);
