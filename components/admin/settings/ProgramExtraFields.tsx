"use client";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { enumLabel } from "@/lib/enum-label";
import { SIGNAL_KINDS, type RiskRules } from "@/lib/risk/rules";

type Err = (key: string) => string | undefined;

const fieldset = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5";
const legend = "px-1 text-base font-semibold";

/** The e-mail brand (docs/notifications.md): logo and accent colour; the business name is in the program group. */
export function BrandFields({
  initial,
  err,
}: {
  initial: { brandLogoUrl: string | null; brandAccentColor: string };
  err: Err;
}) {
  const [accent, setAccent] = useState(initial.brandAccentColor);
  const valid = /^#[0-9a-fA-F]{6}$/.test(accent.trim());
  return (
    <fieldset className={fieldset}>
      <legend className={legend}>E-mail brand</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Logo URL"
          id="brandLogoUrl"
          optional
          hint="An https:// image shown at the top of every e-mail. Empty: the business name instead."
          error={err("brandLogoUrl")}
        >
          {(p) => (
            <input {...p} name="brandLogoUrl" type="url" inputMode="url" defaultValue={initial.brandLogoUrl ?? ""} />
          )}
        </Field>
        <Field
          label="Accent colour"
          id="brandAccentColor"
          hint="Hex colour of the e-mails' buttons and top rule, e.g. #1d4ed8."
          error={err("brandAccentColor")}
        >
          {(p) => (
            <div className="flex items-center gap-2">
              <input
                {...p}
                name="brandAccentColor"
                value={accent}
                onChange={(e) => setAccent(e.target.value)}
                maxLength={7}
                spellCheck={false}
              />
              <span
                aria-hidden="true"
                data-testid="accent-swatch"
                className="size-9 shrink-0 rounded-md border border-slate-300"
                style={{ backgroundColor: valid ? accent.trim() : "transparent" }}
              />
            </div>
          )}
        </Field>
      </div>
    </fieldset>
  );
}

const RISK_FIELDS: [Exclude<keyof RiskRules, "weights">, string, string?][] = [
  ["holdThreshold", "Hold threshold (score)", "Rewards of a referral scoring at least this are held for review."],
  ["velocityMaxLeadsPerIp", "Velocity: leads per IP", "More leads than this from one IP inside the window fire it."],
  ["velocityWindowMinutes", "Velocity: window (minutes)"],
  ["sharedIdentityDays", "Shared identity: lookback (days)", "E-mail, phone and device seen with another partner."],
  ["tooFastFormSeconds", "Too fast: form after click (seconds)"],
  ["tooFastConversionMinutes", "Too fast: conversion after lead (minutes)"],
  ["outlierDays", "Partner outliers: period (days)"],
  ["outlierMinReferrals", "Partner outliers: minimum referrals"],
  ["outlierMadFactor", "Partner outliers: robust spreads above the median", "A decimal, e.g. 3.5."],
];

/** Names of the risk controls, shared with the form's submit: `risk.<key>` and `risk.weight.<SIGNAL>`. */
export const riskName = (k: string) => `risk.${k}`;
export const weightName = (k: string) => `risk.weight.${k}`;

/** Fraud review (docs/fraud-review.md): the hold threshold, the signals' thresholds and each signal's weight. */
export function RiskFields({ initial, err }: { initial: RiskRules; err: Err }) {
  return (
    <fieldset className={fieldset}>
      <legend className={legend}>Fraud review</legend>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {RISK_FIELDS.map(([k, label, hint]) => (
          <Field key={k} label={label} id={riskName(k)} hint={hint} error={err(`riskRules.${k}`)}>
            {(p) => (
              <input
                {...p}
                name={riskName(k)}
                inputMode={k === "outlierMadFactor" ? "decimal" : "numeric"}
                defaultValue={String(initial[k])}
              />
            )}
          </Field>
        ))}
      </div>
      <h3 className="mt-5 mb-2 text-sm font-semibold">Signal weights</h3>
      <p className="mb-3 text-xs text-slate-600">
        A referral&apos;s score is the sum of its open signals&apos; weights; a signal keeps the weight it fired with.
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {SIGNAL_KINDS.map((k) => (
          <Field
            key={k}
            label={`Weight: ${enumLabel(k).toLowerCase()}`}
            id={weightName(k)}
            error={err(`riskRules.weights.${k}`)}
          >
            {(p) => <input {...p} name={weightName(k)} inputMode="numeric" defaultValue={String(initial.weights[k])} />}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
