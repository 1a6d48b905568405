import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { AppShell, type NavItem } from "@/components/layout/app-shell";
import { NotificationBell } from "@/components/notifications/bell";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { unreadCount } from "@/lib/notifications/inbox";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" } };

const NAV: NavItem[] = [
  { href: "/admin", label: "Analytics", exact: true },
  { href: "/admin/partners", label: "Partners" },
  { href: "/admin/referrals", label: "Referrals" },
  { href: "/admin/leads", label: "Leads" },
  { href: "/admin/rewards", label: "Rewards" },
  { href: "/admin/review", label: "Fraud review" },
  { href: "/admin/plans", label: "Plans" },
  { href: "/admin/payouts", label: "Payouts" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/privacy", label: "Privacy" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/mail", label: "Mail" },
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/settings", label: "Settings" },
];

/** The console frame. Every admin page also checks the role itself: layouts are not re-run on every navigation. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  const unread = await unreadCount(await getDb(), user.id);
  return (
    <AppShell
      brand="Partner program · Admin"
      brandHref="/admin"
      navLabel="Admin"
      nav={NAV}
      account={
        <>
          <NotificationBell href="/admin/notifications" unread={unread} />
          <span className="hidden text-slate-600 sm:inline" title={user.email}>
            {user.name || user.email}
          </span>
          <SignOutButton className="font-medium text-brand-700 hover:underline" />
        </>
      }
    >
      <div className="flex flex-col gap-6">{children}</div>
    </AppShell>
  );
}
