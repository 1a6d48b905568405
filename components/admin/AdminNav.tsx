"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export const ADMIN_NAV = [
  { href: "/admin", label: "Analytics" },
  { href: "/admin/partners", label: "Partners" },
  { href: "/admin/referrals", label: "Referrals" },
  { href: "/admin/leads", label: "Leads" },
  { href: "/admin/rewards", label: "Rewards" },
  { href: "/admin/payouts", label: "Payouts" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/settings", label: "Settings" },
] as const;

function isActive(pathname: string, href: string) {
  return href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
}

/** The console's main navigation; the current section is marked for assistive technology too. */
export function AdminNav() {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Admin" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1 py-1 text-sm lg:flex-col">
        {ADMIN_NAV.map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-2 font-medium whitespace-nowrap ${active ? "bg-brand-50 text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
