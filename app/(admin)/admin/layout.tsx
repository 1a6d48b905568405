import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/AdminNav";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" } };

/** The console shell: every admin page also checks the role itself (layouts are not re-run on every navigation). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/admin" className="font-semibold text-brand-900">
            Partner program · Admin
          </Link>
          <div className="flex items-center gap-3 text-sm text-slate-600">
            <span className="hidden sm:inline" title={user.email}>
              {user.name || user.email}
            </span>
            <Link href="/api/auth/signout" className="font-medium text-brand-700 hover:underline">
              Sign out
            </Link>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 sm:px-6 lg:flex-row lg:gap-8 lg:py-8">
        <aside className="lg:w-48 lg:shrink-0">
          <AdminNav />
        </aside>
        <main id="main" tabIndex={-1} className="flex min-w-0 flex-1 flex-col gap-6 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
