import Link from "next/link";

/** Sign-in, sign-up and password pages: one narrow centred column. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white px-6 py-4">
        <Link href="/" className="font-semibold text-brand-900">
          Acme Insurance Quotes · Partners
        </Link>
      </header>
      <main className="mx-auto flex w-full max-w-md flex-col gap-6 px-6 py-12">{children}</main>
    </div>
  );
}
