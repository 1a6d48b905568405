"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import { TAX_CLASSIFICATION_LABEL, TAX_CLASSIFICATIONS } from "@/lib/tax/schemas";

export interface TaxFormValues {
  kind: string;
  legalName: string;
  businessName: string;
  taxClassification: string;
  tinType: string;
  country: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  addressCountry: string;
  /** `•••• 6789` when a form is on file: the TIN never reaches the browser in clear. */
  tinMasked: string | null;
}

const KINDS = [
  { value: "W9", label: "W-9: I am a US person (citizen, resident or US entity)" },
  { value: "W8BEN", label: "W-8BEN: I am not a US person (foreign individual)" },
];

type Saved = { kind: string; tinMasked: string; signedAt: string };

/**
 * The W-9 or W-8BEN, signed electronically: the signer types their name and ticks the certification; the
 * server stamps the time. The TIN is write-only: the page shows its last four, and a new form needs it again.
 */
export function TaxFormForm({
  action,
  initial,
}: {
  action: (prev: null, input: Record<string, string>) => Promise<ActionResult<Saved>>;
  initial: TaxFormValues;
}) {
  const [kind, setKind] = useState(KINDS.some((k) => k.value === initial.kind) ? initial.kind : "");
  const { run, pending, outcome } = useAction(action, {
    success: (d) => `Your ${d.kind === "W9" ? "W-9" : "W-8BEN"} is signed and on file (TIN ${d.tinMasked}).`,
  });
  const err = (k: string) => fieldError(outcome, k);
  const v = initial;
  const onFile = initial.kind === kind && initial.tinMasked;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    void run(Object.fromEntries([...fd].filter((p): p is [string, string] => typeof p[1] === "string")));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Tax form">
      <Notice outcome={outcome} />
      <Select
        label="Which form"
        name="kind"
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        placeholder="Choose your form"
        options={KINDS}
        error={err("kind")}
      />
      {kind && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Input
            label={kind === "W9" ? "Name (as shown on your income tax return)" : "Name of individual"}
            name="legalName"
            autoComplete="name"
            defaultValue={v.legalName}
            error={err("legalName")}
          />
          {kind === "W9" ? (
            <Input
              label="Business name / disregarded entity name"
              name="businessName"
              optional
              defaultValue={v.businessName}
              error={err("businessName")}
            />
          ) : (
            <Input
              label="Country of citizenship (two letters)"
              name="country"
              maxLength={2}
              defaultValue={v.country}
              error={err("country")}
            />
          )}
          {kind === "W9" && (
            <Select
              label="Federal tax classification"
              name="taxClassification"
              defaultValue={v.taxClassification}
              placeholder="Choose one"
              options={TAX_CLASSIFICATIONS.map((c) => ({ value: c, label: TAX_CLASSIFICATION_LABEL[c] }))}
              error={err("taxClassification")}
            />
          )}
        </div>
      )}
      {kind && (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium text-slate-800">
            {kind === "W9" ? "Address" : "Permanent residence address"}
          </legend>
          <Input label="Street address" name="line1" defaultValue={v.line1} error={err("address.line1")} />
          <Input label="Address line 2" name="line2" optional defaultValue={v.line2} error={err("address.line2")} />
          <Input label="City" name="city" defaultValue={v.city} error={err("address.city")} />
          <Input
            label={kind === "W9" ? "State" : "State / region"}
            name="region"
            optional={kind !== "W9"}
            defaultValue={v.region}
            error={err("address.region")}
          />
          <Input label="Postal code" name="postalCode" defaultValue={v.postalCode} error={err("address.postalCode")} />
          {kind === "W8BEN" && (
            <Input
              label="Country of residence (two letters)"
              name="addressCountry"
              maxLength={2}
              defaultValue={v.addressCountry}
              error={err("address.country")}
            />
          )}
        </fieldset>
      )}
      {kind === "W9" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Select
            label="Taxpayer identification number type"
            name="tinType"
            defaultValue={v.tinType || "SSN"}
            options={[
              { value: "SSN", label: "Social security number (or ITIN)" },
              { value: "EIN", label: "Employer identification number" },
            ]}
            error={err("tinType")}
          />
          <Input
            label="SSN or EIN"
            name="tin"
            inputMode="numeric"
            autoComplete="off"
            hint={onFile ? `On file: ${initial.tinMasked}. Enter it again to sign a new form.` : "9 digits."}
            error={err("tin")}
          />
        </div>
      )}
      {kind === "W8BEN" && (
        <Input
          label="Foreign tax identifying number"
          name="foreignTin"
          autoComplete="off"
          hint={onFile ? `On file: ${initial.tinMasked}. Enter it again to sign a new form.` : undefined}
          error={err("foreignTin")}
        />
      )}
      {kind && (
        <div className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="text-sm text-slate-700">
            Under penalties of perjury, I certify that the information on this form is true, correct and complete
            {kind === "W9"
              ? ", that the number shown is my correct taxpayer identification number, and that I am a US person."
              : ", and that I am not a US person."}
          </p>
          <Checkbox
            label="I certify the above, and sign this form electronically"
            name="certify"
            error={err("certify")}
          />
          <Input
            label="Signature: type your full name"
            name="signatureName"
            autoComplete="name"
            error={err("signatureName")}
          />
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" disabled={pending || !kind}>
          {pending ? "Signing…" : "Sign and submit"}
        </Button>
      </div>
    </form>
  );
}
