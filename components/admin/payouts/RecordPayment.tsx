"use client";
import { useState } from "react";
import { markFailedAction, markPaidAction } from "@/app/(admin)/admin/payouts/actions";
import { PAYMENT_METHODS } from "@/db/schema";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import { PaymentMethodOptions } from "./payment-method-options";

/** For a PENDING payout: enter the bank's transaction id (→ PAID) or record a failure (rewards return to APPROVED). */
export function RecordPayment({
  payoutId,
  defaultMethod,
  label,
}: {
  payoutId: string;
  defaultMethod: string | null;
  label: string;
}) {
  const [txn, setTxn] = useState("");
  const [method, setMethod] = useState(defaultMethod ?? "BANK_TRANSFER");
  const paid = useAction(markPaidAction, { success: "Marked paid." });
  const failed = useAction(markFailedAction, { success: "Marked failed; its rewards are approved again." });
  const outcome = paid.outcome ?? failed.outcome;
  const err = fieldError(paid.outcome, "transactionId");
  return (
    <div className="flex flex-col gap-1">
      <form
        className="flex flex-wrap items-center gap-2"
        aria-label={`Record payment for ${label}`}
        onSubmit={(e) => {
          e.preventDefault();
          failed.setOutcome(null);
          void paid.run({
            id: payoutId,
            transactionId: txn,
            paymentMethod: method as (typeof PAYMENT_METHODS)[number],
          });
        }}
      >
        <label className="sr-only" htmlFor={`m-${payoutId}`}>
          Payment method for {label}
        </label>
        <select
          id={`m-${payoutId}`}
          value={method}
          onChange={(e) => setMethod(e.target.value)}
          className={`${controlClass()} w-auto py-1 text-xs`}
        >
          <PaymentMethodOptions />
        </select>
        <label className="sr-only" htmlFor={`t-${payoutId}`}>
          Transaction id for {label}
        </label>
        <input
          id={`t-${payoutId}`}
          value={txn}
          onChange={(e) => setTxn(e.target.value)}
          placeholder="Transaction id"
          className={`${controlClass()} w-40 py-1 text-xs`}
          aria-invalid={err ? true : undefined}
        />
        <button type="submit" className={buttonClass("secondary", "sm")} disabled={paid.pending || txn.trim() === ""}>
          Mark paid
        </button>
        <ConfirmDialog
          trigger="Failed…"
          title={`Record a failed payment for ${label}?`}
          description="The payout becomes Failed and its rewards return to Approved, ready for a later batch."
          confirmLabel="Mark failed"
          tone="danger"
          reason={{ label: "What went wrong", required: true, placeholder: "e.g. account closed" }}
          onConfirm={async (reason) => (paid.setOutcome(null), !!(await failed.run({ id: payoutId, reason }))?.ok)}
        />
      </form>
      <Notice outcome={outcome} className="py-1 text-xs" />
    </div>
  );
}
