"use client";

import { useActionState } from "react";
import { setPasswordAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-error";
import { submitKeepingValues } from "@/lib/form-submit";

/** The form of the invitation and reset pages. */
export function SetPasswordForm({ token, kind }: { token: string; kind: "INVITE" | "RESET" }) {
  const [state, action, pending] = useActionState(setPasswordAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="kind" value={kind} />
      <Input
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={fe?.password}
      />
      <Input
        label="Repeat the password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fe?.confirmPassword}
      />
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Saving…" : kind === "INVITE" ? "Set password and sign in" : "Reset password and sign in"}
      </button>
    </form>
  );
}
