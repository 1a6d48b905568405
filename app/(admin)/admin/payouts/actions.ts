"use server";
import { z } from "zod";
import { PAYMENT_METHODS } from "@/db/schema";
import { adminAction } from "@/lib/actions/safe-action";
import { AppError } from "@/lib/errors";
import { centsFromText } from "@/lib/form-values";
import { createPayoutBatchSchema } from "@/lib/payouts/schemas";
import { markBatchPaid } from "@/lib/payouts/batch-payment";
import { applyPaymentConfirmation, previewPaymentConfirmation } from "@/lib/payouts/confirmation";
import { approveBatch } from "@/lib/payouts/schedule";
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from "@/lib/payouts/service";

export const createBatchAction = adminAction(
  z
    .object({
      partnerIds: z.array(z.uuid()).min(1, "Choose at least one partner").max(10_000),
      minimum: z.string().optional(),
    })
    .strict(),
  async ({ partnerIds, minimum }, { db, actor }) => {
    // A blank minimum leaves each partner's own, else the program's (`payoutMinimumCents`).
    const minimumCents = minimum?.trim() ? centsFromText(minimum) : undefined;
    const input = createPayoutBatchSchema.parse({ partnerIds, minimumCents });
    const res = await createPayoutBatch(db, input, actor);
    if (res.payouts.length === 0)
      throw new AppError(
        "conflict",
        res.held.length
          ? res.held[0].reason
          : res.blocked.length
            ? res.blocked[0].reason
            : "No approved rewards reached the minimum for the chosen partners.",
      );
    const totals = new Map<string, { currency: string; count: number; amountCents: number }>();
    for (const p of res.payouts) {
      const t = totals.get(p.currency) ?? { currency: p.currency, count: 0, amountCents: 0 };
      t.count += 1;
      t.amountCents += p.amountCents;
      totals.set(p.currency, t);
    }
    return {
      batchId: res.batchId,
      count: res.payouts.length,
      totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
      held: res.held.length,
      blocked: res.blocked.length,
    };
  },
);

export const markPaidAction = adminAction(
  z
    .object({
      id: z.uuid(),
      transactionId: z.string().trim().min(1, "Enter the transaction id").max(200),
      paymentMethod: z.enum(PAYMENT_METHODS),
    })
    .strict(),
  async ({ id, transactionId, paymentMethod }, { db, actor }) => {
    const res = await markPayoutPaid(db, id, { transactionId, paymentMethod }, actor);
    return { status: res.payout.status };
  },
);

export const markFailedAction = adminAction(
  z.object({ id: z.uuid(), reason: z.string().trim().min(1, "A reason is required").max(500) }).strict(),
  async ({ id, reason }, { db, actor }) => {
    const p = await markPayoutFailed(db, id, { reason }, actor);
    return { status: p.status };
  },
);

export const markBatchPaidAction = adminAction(
  z
    .object({
      batchId: z.uuid(),
      reference: z.string().trim().min(1, "Enter the bank's reference for this batch").max(180),
      paymentMethod: z.enum(PAYMENT_METHODS).optional(),
    })
    .strict(),
  async ({ batchId, ...input }, { db, actor }) => markBatchPaid(db, batchId, input, actor),
);

/** The bank's confirmation file, as text: at most about 1 MB (5,000 rows). */
const confirmationFile = z
  .object({ csv: z.string().min(1, "Choose the bank's confirmation file").max(1_000_000, "The file is over 1 MB") })
  .strict();

export const previewConfirmationAction = adminAction(confirmationFile, async ({ csv }, { db }) =>
  previewPaymentConfirmation(db, csv),
);

export const applyConfirmationAction = adminAction(confirmationFile, async ({ csv }, { db, actor }) =>
  applyPaymentConfirmation(db, csv, actor),
);

export const approveBatchAction = adminAction(
  z.object({ batchId: z.uuid() }).strict(),
  async ({ batchId }, { db, actor }) => {
    const b = await approveBatch(db, batchId, actor);
    return { payoutCount: b.payoutCount };
  },
);
