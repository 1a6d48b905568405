"use client";

import { useActionState, useEffect, useRef } from "react";
import { changePasswordAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-error";
import { submitKeepingValues } from "@/lib/form-submit";

/** Password change for the signed-in user (embeddable in the portal profile and admin settings). */
export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  // Typed values stay after an error; a success starts from an empty form.
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={submitKeepingValues(action)}
      className="flex max-w-sm flex-col gap-4"
      noValidate
    >
      <FormMessage state={state} />
      {state?.ok && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Password changed. Other signed-in browsers and API tokens have been signed out.
        </p>
      )}
      <Input
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={fe?.currentPassword}
      />
      <Input
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={fe?.newPassword}
      />
      <Input
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fe?.confirmPassword}
      />
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
