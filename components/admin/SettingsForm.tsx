"use client";
import { useState } from "react";
import { saveSettings } from "@/app/(admin)/admin/settings/actions";
import type { StoredSettings } from "@/lib/settings/update";
import { centsFromText, centsToText } from "@/lib/form-values";
import { buttonClass, describedBy, Field, inputClass } from "./fields";
import { formatBps, formatMoney } from "./format";
import { Notice } from "./Notice";
import { fieldError, useAction } from "./useAction";

type Values = Omit<StoredSettings, "id" | "updatedAt" | "inboundWebhookSecret">;
type NumKey = { [K in keyof Values]: Values[K] extends number ? K : never }[keyof Values];

const GROUPS: { title: string; fields: [NumKey | "minimumPayout", string, string?][] }[] = [
  {
    title: "Commission and attribution",
    fields: [
      [
        "defaultCommissionRateBps",
        "Default commission rate (basis points)",
        "100 bp = 1 %. New partners get this rate.",
      ],
      ["attributionWindowDays", "Attribution window (days)", "How long a referral link's cookie lasts."],
      ["leadOwnershipDays", "Lead ownership window (days)", "The first valid referral owns a lead for this long."],
      ["referralExpiryDays", "Referral expiry (days)", "Pending and accepted referrals expire after this."],
    ],
  },
  {
    title: "Rewards and payouts",
    fields: [
      ["holdDays", "Hold period (days)", "Rewards wait this long (free-look / chargeback period) before approval."],
      ["minimumPayout", "Minimum payout", "In major units (e.g. 50.00). Partners below it wait for the next payout."],
      ["payoutDayOfMonth", "Payout day of month", "1–28."],
    ],
  },
  {
    title: "Rate limits",
    fields: [
      ["quoteRateLimit", "Quote form: leads per IP"],
      ["quoteRateWindowSeconds", "Quote form: window (seconds)"],
      ["loginFailLimit", "Sign-in: failures per e-mail and IP"],
      ["loginIpFailLimit", "Sign-in: failures per IP"],
      ["loginWindowSeconds", "Sign-in: window (seconds)"],
      ["codeValidationRateLimit", "Code validation: checks per IP"],
      ["codeValidationWindowSeconds", "Code validation: window (seconds)"],
    ],
  },
];

/** Every program default, validated on the server; field errors appear next to their field. */
export function SettingsForm({ initial }: { initial: Values }) {
  const { run, pending, outcome } = useAction(saveSettings, {
    success: (d) =>
      d.changed.length ? `Saved ${d.changed.length} change${d.changed.length > 1 ? "s" : ""}.` : "Nothing changed.",
  });
  const [rate, setRate] = useState(String(initial.defaultCommissionRateBps));
  const [minimum, setMinimum] = useState(centsToText(initial.minimumPayoutCents));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const text = (k: string) => String(fd.get(k) ?? "");
    const body: Record<string, string | boolean> = {
      businessName: text("businessName"),
      defaultCurrency: text("defaultCurrency"),
      autoApproveRewards: fd.get("autoApproveRewards") === "on",
      autoApprovePartners: fd.get("autoApprovePartners") === "on",
    };
    for (const g of GROUPS) for (const [k] of g.fields) body[k] = text(k);
    void run(body as Parameters<typeof saveSettings>[1]);
  }

  const err = (k: string) => fieldError(outcome, k === "minimumPayout" ? "minimumPayoutCents" : k);
  const hintFor = (k: string, hint?: string) => {
    if (k === "defaultCommissionRateBps" && /^\d+$/.test(rate)) return `${hint} Currently ${formatBps(Number(rate))}.`;
    if (k === "minimumPayout" && !Number.isNaN(centsFromText(minimum)))
      return `${hint} ${formatMoney(centsFromText(minimum), initial.defaultCurrency)}.`;
    return hint;
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6" aria-label="Program settings">
      <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <legend className="px-1 text-base font-semibold">Program</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Business name" htmlFor="businessName" error={err("businessName")}>
            <input
              id="businessName"
              name="businessName"
              defaultValue={initial.businessName}
              className={inputClass}
              required
              {...describedBy("businessName", false, err("businessName"))}
            />
          </Field>
          <Field
            label="Currency"
            htmlFor="defaultCurrency"
            hint="ISO 4217 code, e.g. USD."
            error={err("defaultCurrency")}
          >
            <input
              id="defaultCurrency"
              name="defaultCurrency"
              defaultValue={initial.defaultCurrency}
              maxLength={3}
              className={`${inputClass} uppercase`}
              {...describedBy("defaultCurrency", true, err("defaultCurrency"))}
            />
          </Field>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="autoApproveRewards"
              defaultChecked={initial.autoApproveRewards}
              className="mt-1"
            />
            <span>
              <span className="font-medium">Auto-approve rewards after the hold</span>
              <span className="block text-xs text-slate-500">Otherwise rewards wait in the approval queue.</span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="autoApprovePartners"
              defaultChecked={initial.autoApprovePartners}
              className="mt-1"
            />
            <span>
              <span className="font-medium">Auto-approve partner sign-ups</span>
              <span className="block text-xs text-slate-500">Otherwise sign-ups wait as applications (inactive).</span>
            </span>
          </label>
        </div>
      </fieldset>
      {GROUPS.map((g) => (
        <fieldset key={g.title} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <legend className="px-1 text-base font-semibold">{g.title}</legend>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {g.fields.map(([k, label, hint]) => {
              const value = k === "minimumPayout" ? minimum : k === "defaultCommissionRateBps" ? rate : undefined;
              const onChange =
                k === "minimumPayout"
                  ? (e: React.ChangeEvent<HTMLInputElement>) => setMinimum(e.target.value)
                  : k === "defaultCommissionRateBps"
                    ? (e: React.ChangeEvent<HTMLInputElement>) => setRate(e.target.value)
                    : undefined;
              const h = hintFor(k, hint);
              return (
                <Field key={k} label={label} htmlFor={k} hint={h} error={err(k)}>
                  <input
                    id={k}
                    name={k}
                    inputMode={k === "minimumPayout" ? "decimal" : "numeric"}
                    {...(value !== undefined ? { value, onChange } : { defaultValue: String(initial[k as NumKey]) })}
                    className={inputClass}
                    {...describedBy(k, h, err(k))}
                  />
                </Field>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <Notice outcome={outcome} />
      </div>
    </form>
  );
}
