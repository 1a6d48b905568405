import Link from "next/link";
import { connection } from "next/server";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { homeFor, requireUser } from "@/lib/auth/session";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  await connection();
  const user = await requireUser();
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-8 px-6 py-10">
      <header className="flex items-center justify-between">
        <Link href={homeFor(user)} className="text-sm text-brand-700 hover:underline">
          ← Back to {user.role === "ADMIN" ? "the admin console" : "your portal"}
        </Link>
        <SignOutButton />
      </header>
      <section className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">Your account</h1>
        <p className="text-slate-600">
          {user.name} · {user.email} · {user.role === "ADMIN" ? "Admin" : "Partner"}
        </p>
      </section>
      <section aria-labelledby="pw" className="flex flex-col gap-4">
        <h2 id="pw" className="text-xl font-semibold">
          Change password
        </h2>
        <ChangePasswordForm />
      </section>
    </main>
  );
}
