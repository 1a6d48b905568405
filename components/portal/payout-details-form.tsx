"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";

export interface PayoutDetailsFormValues {
  kind: string;
  holderName: string;
  routingNumber: string;
  accountType: string;
  bic: string;
  paypalEmail: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  /** `•••• 6789` when an account number or IBAN is on file: never sent back to the browser in clear. */
  accountMasked: string | null;
}

const KINDS = [
  { value: "US_ACH", label: "US bank account (ACH)" },
  { value: "SEPA", label: "SEPA bank account (IBAN)" },
  { value: "PAYPAL", label: "PayPal" },
  { value: "CHECK", label: "Check by mail" },
];

/**
 * Structured payout details, one set of fields per method. Account numbers and IBANs are write-only here:
 * the page shows their last four characters, and a change needs the whole number again.
 */
export function PayoutDetailsForm({
  action,
  initial,
}: {
  action: (prev: null, input: Record<string, string>) => Promise<ActionResult<{ blockedUntil: string | null }>>;
  initial: PayoutDetailsFormValues;
}) {
  const [kind, setKind] = useState(KINDS.some((k) => k.value === initial.kind) ? initial.kind : "");
  const { run, pending, outcome } = useAction(action, {
    success: (d) =>
      d.blockedUntil
        ? `Your payout details are saved. For your security, payouts are paused until ${new Date(d.blockedUntil).toUTCString()}.`
        : "Your payout details are saved.",
  });
  const err = (k: string) => fieldError(outcome, k);
  const v = initial;
  const hasSecret = initial.kind === kind && initial.accountMasked;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    void run(Object.fromEntries([...fd].filter((p): p is [string, string] => typeof p[1] === "string")));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Payout details">
      <Notice outcome={outcome} />
      <Select
        label="How you get paid"
        name="kind"
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        placeholder="Choose a method"
        options={KINDS}
        error={err("kind")}
      />
      {kind && kind !== "PAYPAL" && (
        <Input
          label="Account holder / payee name"
          name="holderName"
          autoComplete="name"
          defaultValue={v.holderName}
          error={err("holderName")}
        />
      )}
      {kind === "US_ACH" && (
        <div className="grid gap-4 sm:grid-cols-3">
          <Input
            label="Routing number"
            name="routingNumber"
            inputMode="numeric"
            defaultValue={v.routingNumber}
            hint="9 digits (ABA)."
            error={err("routingNumber")}
          />
          <Input
            label="Account number"
            name="accountNumber"
            inputMode="numeric"
            autoComplete="off"
            hint={hasSecret ? `On file: ${initial.accountMasked}. Enter it again to change it.` : undefined}
            error={err("accountNumber")}
          />
          <Select
            label="Account type"
            name="accountType"
            defaultValue={v.accountType || "CHECKING"}
            options={[
              { value: "CHECKING", label: "Checking" },
              { value: "SAVINGS", label: "Savings" },
            ]}
            error={err("accountType")}
          />
        </div>
      )}
      {kind === "SEPA" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Input
            label="IBAN"
            name="iban"
            autoComplete="off"
            hint={hasSecret ? `On file: ${initial.accountMasked}. Enter it again to change it.` : undefined}
            error={err("iban")}
          />
          <Input label="BIC" name="bic" optional defaultValue={v.bic} error={err("bic")} />
        </div>
      )}
      {kind === "PAYPAL" && (
        <Input
          label="PayPal e-mail"
          name="paypalEmail"
          type="email"
          defaultValue={v.paypalEmail}
          error={err("paypalEmail")}
        />
      )}
      {kind === "CHECK" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Input label="Street address" name="line1" defaultValue={v.line1} error={err("address.line1")} />
          <Input label="Address line 2" name="line2" optional defaultValue={v.line2} error={err("address.line2")} />
          <Input label="City" name="city" defaultValue={v.city} error={err("address.city")} />
          <Input label="State / region" name="region" optional defaultValue={v.region} error={err("address.region")} />
          <Input label="Postal code" name="postalCode" defaultValue={v.postalCode} error={err("address.postalCode")} />
          <Input
            label="Country (two letters)"
            name="country"
            maxLength={2}
            defaultValue={v.country || "US"}
            error={err("address.country")}
          />
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" disabled={pending || !kind}>
          {pending ? "Saving…" : "Save payout details"}
        </Button>
      </div>
    </form>
  );
}
