import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payouts } from "@/db/schema";
import type { PaymentMethod } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import type { Clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { assertBatchApproved } from "./schedule";
import { markPayoutPaid } from "./service";

export interface MarkBatchPaidInput {
  /** One reference for the whole batch: each payout records `<reference>-<first 8 characters of its id>`. */
  reference?: string;
  /** Or one transaction id per payout (payout id → transaction id); wins over `reference` for those payouts. */
  transactionIds?: Record<string, string>;
  /** The method for every payout; unset = the partner's own payout method (bank transfer when none). */
  paymentMethod?: PaymentMethod;
}

/** The transaction id a batch reference gives a payout: unique per payout, the same every time. */
export const batchTransactionId = (reference: string, payoutId: string) => `${reference}-${payoutId.slice(0, 8)}`;

/**
 * Marks every PENDING payout of a batch paid in one transaction: each one is the same guarded transition
 * as marking it paid alone (rewards and referrals PAID, audit event, outbox), so the batch is paid
 * completely or not at all. Payouts already paid with the same transaction id count as `unchanged`
 * (a repeat changes nothing); failed ones, and ones paid under another id, are left alone (`skipped`).
 * A scheduled draft no admin approved yet is refused (409).
 */
export async function markBatchPaid(
  db: DbOrTx,
  batchId: string,
  input: MarkBatchPaidInput,
  actor: Actor,
  clock?: Clock,
): Promise<{ paid: number; unchanged: number; skipped: number }> {
  if (!isUuid(batchId)) throw notFound("Payout batch");
  const reference = input.reference?.trim();
  return db.transaction(async (tx) => {
    await assertBatchApproved(tx, batchId);
    // Locked in id order, so two batch payments at once wait for each other instead of deadlocking.
    const members = await tx
      .select({ id: payouts.id, status: payouts.status, partnerMethod: partners.payoutMethod })
      .from(payouts)
      .innerJoin(partners, eq(partners.id, payouts.partnerId))
      .where(eq(payouts.batchId, batchId))
      .orderBy(asc(payouts.id))
      .for("update", { of: payouts });
    if (members.length === 0) throw notFound("Payout batch");
    const out = { paid: 0, unchanged: 0, skipped: 0 };
    for (const m of members) {
      const transactionId = input.transactionIds?.[m.id]?.trim() || (reference && batchTransactionId(reference, m.id));
      if (!transactionId) {
        if (m.status !== "PENDING") continue;
        throw new AppError("validation", "Give the batch a transaction reference, or one per payout", {
          errors: [{ path: "reference", message: "Enter the bank's reference for this batch" }],
        });
      }
      if (m.status === "FAILED") {
        out.skipped++;
        continue;
      }
      const paymentMethod = input.paymentMethod ?? m.partnerMethod ?? "BANK_TRANSFER";
      try {
        const res = await markPayoutPaid(tx, m.id, { paymentMethod, transactionId }, actor, clock);
        if (res.replayed) out.unchanged++;
        else out.paid++;
      } catch (e) {
        // Paid earlier under another id: leave that record as it is.
        if (e instanceof AppError && e.code === "invalid_state") out.skipped++;
        else throw e;
      }
    }
    return out;
  });
}
