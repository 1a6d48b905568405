"use client";

import { useActionState } from "react";
import { forgotPasswordAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-error";
import { submitKeepingValues } from "@/lib/form-submit";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(forgotPasswordAction, null);
  if (state?.ok)
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-800">
        If an account exists for that e-mail, a reset link is on its way. It works once, within one hour.
      </p>
    );
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Input label="E-mail" name="email" type="email" autoComplete="email" error={fe?.email} />
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </button>
    </form>
  );
}
