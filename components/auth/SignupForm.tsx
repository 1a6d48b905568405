"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signupAction } from "@/lib/auth/actions";
import { buttonClass, FormField, FormMessage } from "./FormField";

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
        <Link href="/portal" className={`${buttonClass} self-start`}>
          Go to your portal
        </Link>
      </div>
    );
  }
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <div className="grid grid-cols-2 gap-3">
        <FormField label="First name" name="firstName" autoComplete="given-name" error={fe?.firstName} />
        <FormField label="Last name" name="lastName" autoComplete="family-name" error={fe?.lastName} />
      </div>
      <FormField label="E-mail" name="email" type="email" autoComplete="email" error={fe?.email} />
      <FormField label="Phone (optional)" name="phone" type="tel" autoComplete="tel" error={fe?.phone} />
      <FormField label="Company (optional)" name="companyName" autoComplete="organization" error={fe?.companyName} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={fe?.password}
      />
      <FormField
        label="Repeat the password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fe?.confirmPassword}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating your account…" : "Create partner account"}
      </button>
      <p className="text-sm">
        Already a partner?{" "}
        <Link className="text-brand-700 hover:underline" href="/login">
          Sign in
        </Link>
      </p>
    </form>
  );
}
