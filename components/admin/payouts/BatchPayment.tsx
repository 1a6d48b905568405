"use client";
import { useState } from "react";
import { markBatchPaidAction } from "@/app/(admin)/admin/payouts/actions";
import type { PaymentMethod } from "@/db/schema/enums";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import { formatCount } from "@/components/ui";
import { PaymentMethodOptions } from "./payment-method-options";

/** Marks every pending payout of a batch paid at once, with the bank's one reference for the whole transfer. */
export function BatchPayment({ batchId, pendingCount }: { batchId: string; pendingCount: number }) {
  const [reference, setReference] = useState("");
  const [method, setMethod] = useState<PaymentMethod | "">("");
  const { run, pending, outcome } = useAction(markBatchPaidAction, {
    success: (r) =>
      `${formatCount(r.paid)} ${r.paid === 1 ? "payout" : "payouts"} marked paid` +
      (r.unchanged ? `, ${formatCount(r.unchanged)} already paid` : "") +
      (r.skipped ? `, ${formatCount(r.skipped)} left as they were (failed or paid under another id)` : "") +
      ".",
  });
  const err = fieldError(outcome, "reference");
  return (
    <form
      noValidate
      aria-label="Mark the whole batch paid"
      className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ batchId, reference, paymentMethod: method || undefined });
      }}
    >
      <Field
        label="Bank reference for the batch"
        id="batch-ref"
        hint="Each payout records it with the start of its own id, e.g. WIRE-1042-3f2a9c1b."
        error={err}
        className="w-72"
      >
        {(p) => <input {...p} value={reference} onChange={(e) => setReference(e.target.value)} />}
      </Field>
      <Field label="Payment method" id="batch-method" className="w-56">
        {(p) => (
          <select {...p} value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod | "")}>
            <option value="">Each partner&apos;s own method</option>
            <PaymentMethodOptions />
          </select>
        )}
      </Field>
      <button type="submit" className={buttonClass("primary")} disabled={pending || pendingCount === 0}>
        {pending
          ? "Recording…"
          : `Mark ${formatCount(pendingCount)} pending ${pendingCount === 1 ? "payout" : "payouts"} paid`}
      </button>
      <Notice outcome={outcome} />
    </form>
  );
}
