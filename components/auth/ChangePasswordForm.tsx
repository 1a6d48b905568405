"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/lib/auth/actions";
import { buttonClass, FormField, FormMessage } from "./FormField";

/** Password change for the signed-in user (embeddable in the portal profile and admin settings). */
export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormMessage state={state} />
      {state?.ok && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Password changed. Other signed-in browsers and API tokens have been signed out.
        </p>
      )}
      <FormField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={fe?.currentPassword}
      />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={fe?.newPassword}
      />
      <FormField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fe?.confirmPassword}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
