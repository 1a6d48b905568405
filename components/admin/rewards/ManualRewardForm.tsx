"use client";
import { useRef } from "react";
import { createManualRewardAction } from "@/app/(admin)/admin/rewards/actions";
import { buttonClass, describedBy, Field, inputClass } from "../fields";
import { Notice } from "../Notice";
import { fieldError, useAction } from "../useAction";

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
      <Field label="Partner" htmlFor="m-partner" error={err("partnerId")}>
        <select
          id="m-partner"
          name="partnerId"
          className={inputClass}
          defaultValue=""
          {...describedBy("m-partner", false, err("partnerId"))}
        >
          <option value="" disabled>
            Choose a partner
          </option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Type" htmlFor="m-type" error={err("type")}>
        <select id="m-type" name="type" className={inputClass} defaultValue="BONUS">
          <option value="BONUS">Bonus</option>
          <option value="ADJUSTMENT">Adjustment</option>
          <option value="CLAWBACK">Clawback (negative)</option>
        </select>
      </Field>
      <Field
        label="Amount"
        htmlFor="m-amount"
        hint="Major units, e.g. 25.00. Clawbacks are negative, e.g. -25.00."
        error={err("amount")}
      >
        <input
          id="m-amount"
          name="amount"
          inputMode="decimal"
          className={inputClass}
          {...describedBy("m-amount", true, err("amount"))}
        />
      </Field>
      <Field label="Reason" htmlFor="m-reason" error={err("reason")}>
        <input id="m-reason" name="reason" className={inputClass} {...describedBy("m-reason", false, err("reason"))} />
      </Field>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? "Creating…" : "Create manual reward"}
        </button>
        <Notice outcome={outcome} />
      </div>
    </form>
  );
}
