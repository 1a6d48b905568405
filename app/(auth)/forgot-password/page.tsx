import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/ForgotPasswordForm";

export const metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold">Forgot your password?</h1>
        <p className="mt-1 text-slate-600">Enter your e-mail and we will send you a link to choose a new one.</p>
      </div>
      <ForgotPasswordForm />
      <Link className="text-sm text-brand-700 hover:underline" href="/login">
        Back to sign-in
      </Link>
    </>
  );
}
