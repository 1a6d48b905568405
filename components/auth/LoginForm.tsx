"use client";

import Link from "next/link";
import { useActionState } from "react";
import { loginAction } from "@/lib/auth/actions";
import { buttonClass, FormField, FormMessage } from "./FormField";

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(loginAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <FormField label="E-mail" name="email" type="email" autoComplete="username" required error={fe?.email} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fe?.password}
      />
      {next && <input type="hidden" name="next" value={next} />}
      <button type="submit" className={buttonClass} disabled={pending}>
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
