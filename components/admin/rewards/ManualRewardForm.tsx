"use client";
import { useRef } from "react";
import { createManualRewardAction } from "@/app/(admin)/admin/rewards/actions";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";

/** A bonus, an adjustment or a (negative) clawback for one partner, always with a reason. */
export function ManualRewardForm({ partners }: { partners: { id: string; label: string }[] }) {
  const form = useRef<HTMLFormElement>(null);
  const { run, pending, outcome } = useAction(createManualRewardAction, {
    success: "Manual reward created (calculated, awaiting approval).",
  });
  const err = (k: string) => fieldError(outcome, k === "amount" ? "amountCents" : k) ?? fieldError(outcome, k);
  return (
    <form
      ref={form}
      noValidate
      aria-label="Create a manual reward"
      onSubmit={async (e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const res = await run({
          partnerId: String(fd.get("partnerId") ?? ""),
          type: String(fd.get("type") ?? "BONUS") as "BONUS",
          amount: String(fd.get("amount") ?? ""),
          reason: String(fd.get("reason") ?? ""),
        });
        if (res?.ok) form.current?.reset();
      }}
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field label="Partner" id="m-partner" error={err("partnerId")}>
        {(p) => (
          <select {...p} name="partnerId" defaultValue="">
            <option value="" disabled>
              Choose a partner
            </option>
            {partners.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Type" id="m-type" error={err("type")}>
        {(p) => (
          <select {...p} name="type" defaultValue="BONUS">
            <option value="BONUS">Bonus</option>
            <option value="ADJUSTMENT">Adjustment</option>
            <option value="CLAWBACK">Clawback (negative)</option>
          </select>
        )}
      </Field>
      <Field
        label="Amount"
        id="m-amount"
        hint="Major units, e.g. 25.00. Clawbacks are negative, e.g. -25.00."
        error={err("amount")}
      >
        {(p) => <input {...p} name="amount" inputMode="decimal" />}
      </Field>
      <Field label="Reason" id="m-reason" error={err("reason")}>
        {(p) => <input {...p} name="reason" />}
      </Field>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Creating…" : "Create manual reward"}
        </button>
        <Notice outcome={outcome} />
      </div>
    </form>
  );
}
