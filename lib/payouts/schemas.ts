import { z } from "zod";
import { PAYMENT_METHODS } from "@/db/schema/enums";
import { enumInput, requiredText, uuidInput } from "@/lib/validation";

export const createPayoutBatchSchema = z.strictObject({
  partnerIds: z.array(uuidInput("Must be a partner id")).min(1).max(10_000).optional(),
  /** Overrides the program (and partner) minimum for this batch. */
  minimumCents: z.number().int("Whole cents").min(0).max(1e12).optional(),
});
export type CreatePayoutBatchInput = z.infer<typeof createPayoutBatchSchema>;

export const markPayoutPaidSchema = z.strictObject({
  paymentMethod: enumInput(PAYMENT_METHODS),
  transactionId: requiredText(200, "Enter the transaction id"),
});
export type MarkPayoutPaidInput = z.infer<typeof markPayoutPaidSchema>;

export const markPayoutFailedSchema = z.strictObject({ reason: requiredText(500, "Give a reason") });
