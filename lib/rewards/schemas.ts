import { MAX_MANUAL_REWARD_CENTS } from "@/lib/amounts";
import { z } from "zod";
import { PAYMENT_METHODS } from "@/db/schema/enums";
import { enumInput, optionalText, requiredText, uuidInput } from "@/lib/validation";
import { rewardFilterSchema } from "./queries";

export const approveRewardSchema = z
  .strictObject({ override: z.boolean().optional(), reason: optionalText(500) })
  .refine((v) => !v.override || !!v.reason, { message: "An override needs a reason", path: ["reason"] });
export type ApproveRewardInput = z.infer<typeof approveRewardSchema>;

export const MAX_BULK_IDS = 1000;
export const MAX_BULK_FILTER = 10_000;

/**
 * POST /rewards/bulk-approve: exactly one of rewardIds or filter, optionally an override with its reason.
 * `filter` is the GET /rewards filter schema itself (names, parsing and errors), without the page fields.
 */
export const bulkApproveSchema = z
  .strictObject({
    rewardIds: z
      .array(z.string())
      .min(1, "Give at least one id")
      .max(MAX_BULK_IDS, `At most ${MAX_BULK_IDS} ids per request`)
      .optional(),
    filter: rewardFilterSchema.optional(),
    override: z.boolean().optional(),
    reason: optionalText(500),
  })
  .refine((v) => (v.rewardIds === undefined) !== (v.filter === undefined), {
    message: "Give exactly one of rewardIds or filter",
    path: ["rewardIds"],
  })
  .refine((v) => !v.override || !!v.reason, { message: "An override needs a reason", path: ["reason"] });
export type BulkApproveInput = z.infer<typeof bulkApproveSchema>;

export const cancelRewardSchema = z.strictObject({ reason: requiredText(500, "Give a reason") });

export const processPaymentSchema = z.strictObject({
  paymentMethod: enumInput(PAYMENT_METHODS),
  transactionId: requiredText(200, "Enter the transaction id"),
});
export type ProcessPaymentInput = z.infer<typeof processPaymentSchema>;

/** The id-less `POST /rewards/process-payment`: the reward id travels in the body (docs/api.md#actions). */
export const processPaymentByBodySchema = processPaymentSchema.extend({ rewardId: z.guid("Must be a UUID") });

export const manualRewardSchema = z.strictObject({
  partnerId: uuidInput("Must be a partner id"),
  type: enumInput(["BONUS", "ADJUSTMENT", "CLAWBACK"] as const),
  /** Cents; a clawback is stored negative whichever sign is given. */
  amountCents: z
    .number()
    .int("Whole cents")
    .min(-MAX_MANUAL_REWARD_CENTS, "Amount is too large")
    .max(MAX_MANUAL_REWARD_CENTS, "Amount is too large")
    .refine((n) => n !== 0, "Must not be zero"),
  reason: requiredText(500, "Give a reason"),
  referralId: uuidInput("Must be a referral id").optional(),
});
export type ManualRewardInput = z.infer<typeof manualRewardSchema>;
