"use client";
import { useState } from "react";
import { saveSettings } from "@/app/(admin)/admin/settings/actions";
import type { StoredSettings } from "@/lib/settings/update";
import { centsFromText, centsToText } from "@/lib/form-values";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import { formatBps, formatMoney } from "@/components/ui";
import type { RiskRules } from "@/lib/risk/rules";
import { SIGNAL_KINDS, DEFAULT_RULES } from "@/lib/risk/rules";
import { BrandFields, RiskFields, riskName, weightName } from "./settings/ProgramExtraFields";

type Values = Omit<
  StoredSettings,
  | "id"
  | "updatedAt"
  | "inboundWebhookSecret"
  | "riskRules"
  | "licenceStateRules"
  | "unlicensedReferralFeeCents"
  | "policyWindows"
>;
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
      [
        "holdDays",
        "Hold period (days)",
        "Rewards wait at least this long before approval; a longer free-look window below wins.",
      ],
      ["minimumPayout", "Minimum payout", "In major units (e.g. 50.00). Partners below it wait for the next payout."],
      ["payoutDayOfMonth", "Payout day of month", "1–28."],
      [
        "payoutDetailsCoolingOffHours",
        "Cooling-off after a change of payout details (hours)",
        "Payouts to a partner wait this long after they change their bank details. 0 = no wait.",
      ],
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
export function SettingsForm({ initial, risk }: { initial: Values; risk: RiskRules }) {
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
    const body: Record<string, unknown> = {
      businessName: text("businessName"),
      brandLogoUrl: text("brandLogoUrl"),
      brandAccentColor: text("brandAccentColor"),
      riskRules: {
        weights: Object.fromEntries(SIGNAL_KINDS.map((k) => [k, text(weightName(k))])),
        ...Object.fromEntries(Object.keys(DEFAULT_RULES).map((k) => [k, text(riskName(k))])),
      },
      defaultCurrency: text("defaultCurrency"),
      autoApproveRewards: fd.get("autoApproveRewards") === "on",
      autoApprovePartners: fd.get("autoApprovePartners") === "on",
      payoutSchedule: text("payoutSchedule"),
      form1099Threshold: text("form1099Threshold"),
    };
    for (const g of GROUPS) for (const [k] of g.fields) body[k] = text(k);
    void run(body as unknown as Parameters<typeof saveSettings>[1]);
  }

  const err = (k: string) =>
    fieldError(
      outcome,
      k === "minimumPayout" ? "minimumPayoutCents" : k === "form1099Threshold" ? "form1099ThresholdCents" : k,
    );
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
          <Field label="Business name" id="businessName" error={err("businessName")}>
            {(p) => <input {...p} name="businessName" defaultValue={initial.businessName} required />}
          </Field>
          <Field label="Currency" id="defaultCurrency" hint="ISO 4217 code, e.g. USD." error={err("defaultCurrency")}>
            {(p) => (
              <input
                {...p}
                name="defaultCurrency"
                defaultValue={initial.defaultCurrency}
                maxLength={3}
                className={`${p.className} uppercase`}
              />
            )}
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
      <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <legend className="px-1 text-base font-semibold">Payout schedule and tax</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Payout batches"
            id="payoutSchedule"
            hint="Drafted batches wait for an admin's approval before any bank file is made."
            error={err("payoutSchedule")}
          >
            {(p) => (
              <select {...p} name="payoutSchedule" defaultValue={initial.payoutSchedule}>
                <option value="MANUAL">Manual: an admin creates each batch</option>
                <option value="AUTO">Drafted automatically on the payout day</option>
              </select>
            )}
          </Field>
          <Field
            label="1099-NEC threshold"
            id="form1099Threshold"
            hint="In major units. US partners paid this much in a calendar year (PayPal excluded) need a W-9 and are on the 1099-NEC report."
            error={err("form1099Threshold")}
          >
            {(p) => (
              <input
                {...p}
                name="form1099Threshold"
                inputMode="decimal"
                defaultValue={centsToText(initial.form1099ThresholdCents)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <BrandFields initial={initial} err={err} />
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
                <Field key={k} label={label} id={k} hint={h} error={err(k)}>
                  {(p) => (
                    <input
                      {...p}
                      name={k}
                      inputMode={k === "minimumPayout" ? "decimal" : "numeric"}
                      {...(value !== undefined ? { value, onChange } : { defaultValue: String(initial[k as NumKey]) })}
                    />
                  )}
                </Field>
              );
            })}
          </div>
        </fieldset>
      ))}
      <RiskFields initial={risk} err={err} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <Notice outcome={outcome} />
      </div>
    </form>
  );
}
