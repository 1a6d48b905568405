"use client";

import { useActionState, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { HONEYPOT_FIELD, INSURANCE_OPTIONS, US_STATES, type QuoteFormState } from "./form-state";
import { submitKeepingValues } from "@/lib/form-submit";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export interface QuoteFormProps {
  action: (state: QuoteFormState, form: FormData) => Promise<QuoteFormState>;
  initial: QuoteFormState;
  consentText: string;
  consentVersion: string;
  /** Hidden attribution fields carried from the link (referral code, sub id, UTM, source). */
  hidden: Record<string, string>;
}

export function QuoteForm({ action, initial, consentText, consentVersion, hidden }: QuoteFormProps) {
  const [state, formAction] = useActionState(action, initial);
  const v = state.values;
  const e = state.errors;
  const formRef = useRef<HTMLFormElement>(null);
  const errorCount = Object.keys(e).length;

  // After a failed submission, move focus to the first field in error so keyboard users land on it.
  useEffect(() => {
    if (errorCount === 0) return;
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state, errorCount]);

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={submitKeepingValues(formAction)}
      noValidate
      className="flex flex-col gap-5"
      aria-describedby="quote-status"
    >
      <div id="quote-status" aria-live="polite" role="status" className="empty:hidden">
        {state.formError ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{state.formError}</p>
        ) : errorCount > 0 ? (
          <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            Please check {errorCount === 1 ? "1 field" : `${errorCount} fields`} below.
          </p>
        ) : null}
      </div>

      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="consentTextVersion" value={consentVersion} />

      <Field id="insuranceType" label="Type of insurance" error={e.insuranceType}>
        {(aria) => (
          <select {...aria} name="insuranceType" defaultValue={v.insuranceType ?? ""} required>
            <option value="" disabled>
              Choose one
            </option>
            {INSURANCE_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="firstName" label="First name" error={e.firstName}>
          {(aria) => <input {...aria} name="firstName" defaultValue={v.firstName} autoComplete="given-name" required />}
        </Field>
        <Field id="lastName" label="Last name" error={e.lastName}>
          {(aria) => <input {...aria} name="lastName" defaultValue={v.lastName} autoComplete="family-name" required />}
        </Field>
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          id="email"
          label="E-mail"
          hint="E-mail or phone: at least one, so we can send your quote."
          error={e.email}
        >
          {(aria) => (
            <input {...aria} name="email" type="email" defaultValue={v.email} autoComplete="email" inputMode="email" />
          )}
        </Field>
        <Field id="phone" label="Phone" error={e.phone}>
          {(aria) => (
            <input {...aria} name="phone" type="tel" defaultValue={v.phone} autoComplete="tel" inputMode="tel" />
          )}
        </Field>
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="state" label="State" optional error={e.state}>
          {(aria) => (
            <select {...aria} name="state" defaultValue={v.state ?? ""} autoComplete="address-level1">
              <option value="">Choose a state</option>
              {US_STATES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="zip" label="ZIP code" optional error={e.zip}>
          {(aria) => (
            <input
              {...aria}
              name="zip"
              defaultValue={v.zip}
              autoComplete="postal-code"
              inputMode="numeric"
              maxLength={10}
            />
          )}
        </Field>
      </div>

      <Field id="message" label="Anything we should know?" optional error={e.message}>
        {(aria) => <textarea {...aria} name="message" defaultValue={v.message} rows={3} maxLength={2000} />}
      </Field>

      {/* Honeypot: hidden from people and assistive technology; bots that fill it are quietly ignored. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label htmlFor={HONEYPOT_FIELD}>Website</label>
        <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>

      <div className="flex flex-col gap-1">
        <div className="flex items-start gap-3">
          <input
            id="consent"
            name="consent"
            type="checkbox"
            defaultChecked={v.consent === "on"}
            required
            aria-invalid={e.consent ? true : undefined}
            aria-describedby={e.consent ? "consent-error" : undefined}
            className="mt-1 size-5 shrink-0 accent-brand-600"
          />
          <label htmlFor="consent" className="text-sm text-slate-700">
            {consentText}
          </label>
        </div>
        {e.consent ? (
          <p id="consent-error" className="text-sm text-red-700">
            {e.consent}
          </p>
        ) : null}
      </div>

      <SubmitButton />
    </form>
  );
}

function SubmitButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={buttonClass("primary", "lg")}>
      {pending ? "Sending…" : "Get my quote"}
    </button>
  );
}
