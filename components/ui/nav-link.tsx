"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "./cn";

/** Is `href` the current section? Exact for the area's home, prefix for the rest. */
export function isActive(pathname: string, href: string, exact = false): boolean {
  return exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

/** A navigation link that marks the current page with `aria-current="page"`. */
export function NavLink({
  href,
  children,
  exact,
  className,
  activeClassName,
}: {
  href: string;
  children: ReactNode;
  exact?: boolean;
  className?: string;
  activeClassName?: string;
}) {
  const pathname = usePathname() ?? "";
  const active = isActive(pathname, href, exact);
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={cn(className, active && activeClassName)}>
      {children}
    </Link>
  );
}

export interface TabItem {
  href: string;
  label: string;
  exact?: boolean;
}

/** Tabs as links (each tab is its own URL). */
export function Tabs({ items, label }: { items: TabItem[]; label: string }) {
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-4">
        {items.map((t) => (
          <li key={t.href}>
            <NavLink
              href={t.href}
              exact={t.exact}
              className="inline-block border-b-2 border-transparent px-1 py-2 text-sm font-medium text-slate-600 hover:border-slate-300 hover:text-slate-900"
              activeClassName="!border-brand-600 !text-brand-700"
            >
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
