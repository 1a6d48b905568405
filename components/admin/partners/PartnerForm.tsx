"use client";
import Link from "next/link";
import { useState } from "react";
import { createPartnerAction, updatePartnerAction } from "@/app/(admin)/admin/partners/actions";
import { CopyButton } from "@/components/ui/copy-button";
import { buttonClass } from "@/components/ui/button";
import { controlClass, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import type { PartnerFormValues } from "@/lib/partners/form";
import { PaymentMethodOptions } from "../payouts/payment-method-options";

type Created = { partnerId: string; code: string | null; invitationUrl: string | null };

/** Create (then show the invitation link to copy) or edit a partner. */
export function PartnerForm({
  mode,
  partnerId,
  initial,
}: {
  mode: "create" | "edit";
  partnerId?: string;
  initial: PartnerFormValues;
}) {
  const create = useAction(createPartnerAction, { success: "Partner created.", refresh: false });
  const update = useAction(updatePartnerAction, { success: "Changes saved." });
  const [created, setCreated] = useState<Created | null>(null);
  const { outcome, pending } = mode === "create" ? create : update;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const v = Object.fromEntries(
      Object.keys(initial).map((k) => [k, String(fd.get(k) ?? "")]),
    ) as unknown as PartnerFormValues;
    if (mode === "create") {
      const res = await create.run(v);
      if (res?.ok) setCreated(res.data);
    } else {
      await update.run({ ...v, id: partnerId! });
    }
  }

  if (created) {
    return (
      <section
        aria-labelledby="created-h"
        className="flex flex-col gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-5"
      >
        <h2 id="created-h" className="text-lg font-semibold text-emerald-900">
          Partner created{created.code ? ` with code ${created.code}` : ""}
        </h2>
        {created.invitationUrl ? (
          <>
            <p className="text-sm text-emerald-900">
              Send this invitation link to the partner (single use, valid 7 days). It lets them set a password.
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <input
                readOnly
                aria-label="Invitation link"
                value={created.invitationUrl}
                className={`${controlClass()} font-mono sm:flex-1`}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={created.invitationUrl} label="Copy invitation link" />
            </div>
          </>
        ) : (
          <p className="text-sm text-emerald-900">
            No invitation link could be created; the partner can use “forgot password” with their e-mail.
          </p>
        )}
        <div className="flex gap-2">
          <Link href={`/admin/partners/${created.partnerId}`} className={buttonClass("primary")}>
            Open the partner
          </Link>
          <Link href="/admin/partners" className={buttonClass("secondary")}>
            Back to partners
          </Link>
        </div>
      </section>
    );
  }

  const err = (k: string) =>
    fieldError(outcome, k === "commissionRatePercent" ? "commissionRateBps" : k) ?? fieldError(outcome, k);
  const text = (
    k: keyof PartnerFormValues,
    label: string,
    opts: { required?: boolean; hint?: string; type?: string; inputMode?: "decimal" | "tel" | "email" } = {},
  ) => (
    <Field label={label} optional={!opts.required} id={`p-${k}`} hint={opts.hint} error={err(k)}>
      {(p) => (
        <input
          {...p}
          name={k}
          type={opts.type ?? "text"}
          inputMode={opts.inputMode}
          defaultValue={initial[k]}
          required={opts.required}
        />
      )}
    </Field>
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={mode === "create" ? "New partner" : "Edit partner"}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {text("firstName", "First name", { required: true })}
        {text("lastName", "Last name", { required: true })}
        {text("email", "E-mail", { required: true, type: "email", inputMode: "email" })}
        {text("phone", "Phone", { type: "tel", inputMode: "tel" })}
        {text("companyName", "Company")}
        {text("commissionRatePercent", "Commission rate (%)", {
          inputMode: "decimal",
          hint: "Blank: the partner's commission plan sets the rates. A rate here (up to two decimals, e.g. 12.5) overrides the plan's percentage.",
        })}
        {text("npn", "National Producer Number")}
        {text("licensedStates", "Licensed states", { hint: "Two-letter codes, comma-separated (e.g. CA, NY)." })}
        <Field label="Payout method" optional id="p-payoutMethod" error={err("payoutMethod")}>
          {(p) => (
            <select {...p} name="payoutMethod" defaultValue={initial.payoutMethod}>
              <option value="">Not set</option>
              <PaymentMethodOptions />
            </select>
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create partner" : "Save changes"}
        </button>
        <Notice outcome={outcome} />
      </div>
    </form>
  );
}
