import { MAX_MINIMUM_CENTS } from "@/lib/amounts";
import { z } from "zod";
import { PAYMENT_METHODS } from "@/db/schema/enums";
import { enumInput, requiredText, uuidInput } from "@/lib/validation";

export const createPayoutBatchSchema = z.strictObject({
  partnerIds: z.array(uuidInput("Must be a partner id")).min(1).max(10_000).optional(),
  /** Overrides the program (and partner) minimum for this batch. */
  minimumCents: z.number().int("Whole cents").min(0).max(MAX_MINIMUM_CENTS).optional(),
});
export type CreatePayoutBatchInput = z.infer<typeof createPayoutBatchSchema>;

export const markPayoutPaidSchema = z.strictObject({
  paymentMethod: enumInput(PAYMENT_METHODS),
  transactionId: requiredText(200, "Enter the transaction id"),
});
export type MarkPayoutPaidInput = z.infer<typeof markPayoutPaidSchema>;

export const markPayoutFailedSchema = z.strictObject({ reason: requiredText(500, "Give a reason") });

/** Route params of the batch routes (`/payouts/batches/[batchId]/…`). */
export const batchIdParams = z.strictObject({ batchId: uuidInput("Must be a batch id") });

export const BANK_FILE_FORMATS = ["nacha", "sepa", "paypal", "csv"] as const;
export type BankFileFormat = (typeof BANK_FILE_FORMATS)[number];
export const BANK_FILE_LABEL: Record<BankFileFormat, string> = {
  nacha: "NACHA ACH",
  sepa: "SEPA credit transfer (pain.001)",
  paypal: "PayPal Payouts",
  csv: "CSV",
};
export const bankFileQuerySchema = z.strictObject({
  format: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.enum(BANK_FILE_FORMATS, { error: () => `Must be one of ${BANK_FILE_FORMATS.join(", ")}` }),
  ),
});

/** `POST /api/v1/payouts/batches/{batchId}/mark-paid`: one reference, or one transaction id per payout. */
export const markBatchPaidSchema = z.strictObject({
  reference: requiredText(180, "Enter the bank's reference for this batch").optional(),
  transactionIds: z.record(uuidInput("Must be a payout id"), requiredText(200, "Enter the transaction id")).optional(),
  paymentMethod: enumInput(PAYMENT_METHODS).optional(),
});

const confirmationRowSchema = z.strictObject({
  payoutId: uuidInput("Must be a payout id").optional(),
  traceNumber: z.string().max(20).optional(),
  status: z.string().max(20),
  transactionId: z.string().max(200).optional(),
  returnCode: z.string().max(10).optional(),
  failureReason: z.string().max(500).optional(),
  paymentMethod: z.string().max(20).optional(),
});
/**
 * `POST /api/v1/payouts/reconcile`: the bank's confirmation or returns, as CSV text or JSON rows (the same
 * columns, camelCase). `preview: true` answers what applying would do and writes nothing.
 */
export const reconcileSchema = z
  .strictObject({
    csv: z.string().min(1).max(2_000_000).optional(),
    rows: z.array(confirmationRowSchema).min(1).max(5000).optional(),
    preview: z.boolean().optional(),
  })
  .refine((v) => (v.csv === undefined) !== (v.rows === undefined), {
    message: "Send either csv or rows",
    path: ["rows"],
  });
