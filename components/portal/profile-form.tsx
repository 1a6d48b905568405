"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import { FormError, FormSuccess } from "@/components/ui/form-error";
import { statusLabel } from "@/components/ui/status-badge";
import { submitKeepingValues } from "@/lib/form-submit";

type Result = { ok: true; data: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null;

export interface ProfileValues {
  firstName: string;
  lastName: string;
  companyName: string;
  phone: string;
  payoutMethod: string;
  accountHolder: string;
  notes: string;
}

/** The editable part of the partner's profile. */
export function ProfileForm({
  action,
  initial,
  methods,
}: {
  action: (prev: null, fd: FormData) => Promise<Result>;
  initial: ProfileValues;
  methods: readonly string[];
}) {
  const [state, formAction, pending] = useActionState<{ result: Result; values: ProfileValues }, FormData>(
    async (_p, fd) => ({
      result: await action(null, fd),
      values: {
        ...initial,
        ...(Object.fromEntries([...fd].filter(([, v]) => typeof v === "string")) as Partial<ProfileValues>),
      },
    }),
    { result: null, values: initial },
  );
  const v = state.values;
  const fe = state.result && !state.result.ok ? state.result.fieldErrors : undefined;
  return (
    <form onSubmit={submitKeepingValues(formAction)} noValidate className="flex flex-col gap-4">
      <FormError message={state.result && !state.result.ok ? state.result.error : null} />
      <FormSuccess message={state.result?.ok ? "Your profile is saved." : null} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Contact</legend>
        <Input
          label="First name"
          name="firstName"
          required
          autoComplete="given-name"
          defaultValue={v.firstName}
          error={fe?.firstName}
        />
        <Input
          label="Last name"
          name="lastName"
          required
          autoComplete="family-name"
          defaultValue={v.lastName}
          error={fe?.lastName}
        />
        <Input
          label="Company"
          name="companyName"
          autoComplete="organization"
          defaultValue={v.companyName}
          error={fe?.companyName}
        />
        <Input label="Phone" name="phone" type="tel" autoComplete="tel" defaultValue={v.phone} error={fe?.phone} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">How we pay you</legend>
        <Select
          label="Payout method"
          name="payoutMethod"
          defaultValue={v.payoutMethod}
          placeholder="Not chosen yet"
          options={methods.map((m) => ({ value: m, label: statusLabel(m) }))}
          error={fe?.payoutMethod}
        />
        <Input
          label="Account holder / payee name"
          name="accountHolder"
          defaultValue={v.accountHolder}
          error={fe?.accountHolder ?? fe?.["payoutDetails.accountHolder"]}
        />
        <Textarea
          label="Notes for the payments team"
          name="notes"
          rows={2}
          className="sm:col-span-2"
          defaultValue={v.notes}
          error={fe?.notes}
        />
      </fieldset>
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save profile"}
        </Button>
      </div>
    </form>
  );
}
