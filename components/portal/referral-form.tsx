"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Select, Textarea } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { statusLabel } from "@/components/ui/status-badge";
import { submitKeepingValues } from "@/lib/form-submit";

type Result = { ok: true; data: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null;
type State = { result: Result; values: Record<string, string> };

const INSURANCE = ["AUTO", "HOME", "LIFE", "HEALTH", "COMMERCIAL", "OTHER"] as const;

/** The submit-a-referral form; typed values survive a failed submission. */
export function ReferralForm({
  action,
  sources,
  attestation,
}: {
  action: (prev: null, fd: FormData) => Promise<Result>;
  sources: readonly string[];
  attestation: string;
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(
    async (_prev, fd) => ({
      result: await action(null, fd),
      values: Object.fromEntries([...fd].filter(([, v]) => typeof v === "string")) as Record<string, string>,
    }),
    { result: null, values: {} },
  );
  const v = state.values;
  const fe = state.result && !state.result.ok ? state.result.fieldErrors : undefined;
  return (
    <form onSubmit={submitKeepingValues(formAction)} noValidate className="flex max-w-2xl flex-col gap-4">
      <FormError message={state.result && !state.result.ok ? state.result.error : null} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">The prospect</legend>
        <Input
          label="First name"
          name="firstName"
          autoComplete="off"
          required
          defaultValue={v.firstName}
          error={fe?.firstName}
        />
        <Input
          label="Last name"
          name="lastName"
          autoComplete="off"
          required
          defaultValue={v.lastName}
          error={fe?.lastName}
        />
        <Input
          label="E-mail"
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={v.email}
          error={fe?.email}
          hint="An e-mail address or a phone number is needed."
        />
        <Input label="Phone" name="phone" type="tel" autoComplete="off" defaultValue={v.phone} error={fe?.phone} />
        <Input label="State" name="state" maxLength={2} placeholder="TX" defaultValue={v.state} error={fe?.state} />
        <Input label="ZIP code" name="zip" inputMode="numeric" defaultValue={v.zip} error={fe?.zip} />
        <Select
          label="Insurance"
          name="insuranceType"
          required
          defaultValue={v.insuranceType ?? ""}
          placeholder="Choose…"
          options={INSURANCE.map((t) => ({ value: t, label: statusLabel(t) }))}
          error={fe?.insuranceType}
        />
        <Select
          label="How did you meet?"
          name="source"
          required
          defaultValue={v.source ?? "IN_PERSON"}
          options={sources.map((s) => ({ value: s, label: statusLabel(s) }))}
          error={fe?.source}
        />
        <Textarea
          label="Notes for our agents"
          name="message"
          className="sm:col-span-2"
          defaultValue={v.message}
          error={fe?.message}
          hint="What they need covered, when to call. Optional."
        />
      </fieldset>
      <Checkbox
        label={attestation}
        name="consentConfirmed"
        defaultChecked={v.consentConfirmed === "on"}
        error={fe?.consentConfirmed ?? fe?.consent}
      />
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Submitting…" : "Submit referral"}
        </Button>
      </div>
    </form>
  );
}
