"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signupAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-error";
import { submitKeepingValues } from "@/lib/form-submit";

export function SignupForm() {
  const [state, action, pending] = useActionState(signupAction, null);
  if (state?.ok) {
    const { referralCode, status, firstName } = state.data;
    return (
      <div role="status" className="flex flex-col gap-3 rounded-lg border border-green-200 bg-green-50 p-5">
        <h2 className="text-lg font-semibold">Welcome, {firstName}!</h2>
        <p>
          Your referral code is{" "}
          <strong data-testid="referral-code" className="font-mono text-lg">
            {referralCode}
          </strong>
          .
        </p>
        <p className="text-sm text-slate-700">
          {status === "ACTIVE"
            ? "Your account is active: share your link and start referring."
            : "Your application is waiting for approval by the program team. Your code starts earning once you are approved."}
        </p>
        <Link href="/portal" className={`${buttonClass("primary")} self-start`}>
          Go to your portal
        </Link>
      </div>
    );
  }
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <div className="grid grid-cols-2 gap-3">
        <Input label="First name" name="firstName" autoComplete="given-name" error={fe?.firstName} />
        <Input label="Last name" name="lastName" autoComplete="family-name" error={fe?.lastName} />
      </div>
      <Input label="E-mail" name="email" type="email" autoComplete="email" error={fe?.email} />
      <Input label="Phone (optional)" name="phone" type="tel" autoComplete="tel" error={fe?.phone} />
      <Input label="Company (optional)" name="companyName" autoComplete="organization" error={fe?.companyName} />
      <Input
        label="Password"
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
        {pending ? "Creating your account…" : "Create partner account"}
      </button>
      <p className="text-sm">
        Already a partner?{" "}
        <Link className="text-brand-700 underline" href="/login">
          Sign in
        </Link>
      </p>
    </form>
  );
}
