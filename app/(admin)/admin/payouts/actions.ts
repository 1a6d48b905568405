"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { PAYMENT_METHODS } from "@/db/schema";
import { adminAction } from "@/lib/actions/safe-action";
import { centsFromText } from "@/lib/admin/form-values";
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from "@/lib/payouts/service";

export const createBatchAction = adminAction(
  z.object({ partnerIds: z.array(z.uuid()).min(1, "Choose at least one partner").max(10_000), minimum: z.string() }).strict(),
  async ({ partnerIds, minimum }, { actor }) => {
    const res = await createPayoutBatch(await getDb(), actor, { partnerIds, minimumCents: centsFromText(minimum) });
    return { batchId: res.batchId, count: res.payouts.length, amountCents: res.payouts.reduce((s, p) => s + p.amountCents, 0) };
  },
);

export const markPaidAction = adminAction(
  z.object({ id: z.uuid(), transactionId: z.string().trim().min(1, "Enter the transaction id").max(200), paymentMethod: z.enum(PAYMENT_METHODS) }).strict(),
  async ({ id, transactionId, paymentMethod }, { actor }) => {
    const p = await markPayoutPaid(await getDb(), actor, id, { transactionId, paymentMethod });
    return { status: p.status };
  },
);

export const markFailedAction = adminAction(z.object({ id: z.uuid(), reason: z.string().trim().min(1, "A reason is required").max(500) }).strict(), async ({ id, reason }, { actor }) => {
  const p = await markPayoutFailed(await getDb(), actor, id, { reason });
  return { status: p.status };
});
