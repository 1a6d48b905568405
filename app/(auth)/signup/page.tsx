import { SignupForm } from "@/components/auth/SignupForm";

export const metadata = { title: "Become a partner" };

export default function SignupPage() {
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold">Become a partner</h1>
        <p className="mt-1 text-slate-600">
          Refer people who need insurance and earn a commission on every policy sold. You get your referral code right
          away.
        </p>
      </div>
      <SignupForm />
    </>
  );
}
