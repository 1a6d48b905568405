import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink, type TabItem } from "@/components/ui/nav-link";

export type NavItem = TabItem;

/**
 * The signed-in frame of the portal and the admin console: skip link, banner, one navigation
 * landmark (a scrollable row on phones, a sidebar from `md` up) and the main landmark.
 */
export function AppShell({
  brand,
  brandHref,
  navLabel,
  nav,
  account,
  children,
}: {
  brand: ReactNode;
  brandHref: string;
  navLabel: string;
  nav: NavItem[];
  account?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 font-semibold text-brand-700 focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href={brandHref} className="font-semibold text-brand-900">
            {brand}
          </Link>
          {account && <div className="flex items-center gap-3 text-sm">{account}</div>}
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col md:flex-row">
        <nav
          aria-label={navLabel}
          className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-b-0 md:border-r md:bg-transparent"
        >
          <ul className="flex gap-1 overflow-x-auto px-2 py-2 md:sticky md:top-0 md:flex-col md:px-3 md:py-6">
            {nav.map((item) => (
              <li key={item.href} className="shrink-0">
                <NavLink
                  href={item.href}
                  exact={item.exact}
                  className="block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                  activeClassName="!bg-brand-50 !text-brand-700"
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
