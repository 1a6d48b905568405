"use client";

import Link from "next/link";
import { useActionState } from "react";
import { loginAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-error";
import { submitKeepingValues } from "@/lib/form-submit";

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(loginAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Input label="E-mail" name="email" type="email" autoComplete="username" required error={fe?.email} />
      <Input
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fe?.password}
      />
      {next && <input type="hidden" name="next" value={next} />}
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="flex justify-between text-sm">
        <Link className="text-brand-700 hover:underline" href="/forgot-password">
          Forgot your password?
        </Link>
        <Link className="text-brand-700 hover:underline" href="/signup">
          Become a partner
        </Link>
      </p>
    </form>
  );
}
