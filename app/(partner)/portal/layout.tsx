import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { AppShell, type NavItem } from "@/components/layout/app-shell";
import { NotificationBell } from "@/components/notifications/bell";
import { addressFailure } from "@/lib/mail/queries";
import { unreadCount } from "@/lib/notifications/inbox";
import { portalContext } from "@/lib/portal/context";

export const metadata = { title: { default: "Partner portal", template: "%s · Partner portal" } };

const NAV: NavItem[] = [
  { href: "/portal", label: "Dashboard", exact: true },
  { href: "/portal/referrals", label: "Referrals" },
  { href: "/portal/earnings", label: "Earnings" },
  { href: "/portal/plan", label: "How you earn" },
  { href: "/portal/payouts", label: "Payouts" },
  { href: "/portal/share", label: "Share your link" },
  { href: "/portal/profile", label: "Profile" },
  { href: "/portal/tax-form", label: "Tax form" },
  { href: "/portal/notifications", label: "Notifications" },
];

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { partner, user, db } = await portalContext();
  const [mailFailure, unread] = await Promise.all([addressFailure(db, user.email), unreadCount(db, user.id)]);
  return (
    <AppShell
      brand="Acme Insurance Quotes · Partners"
      brandHref="/portal"
      navLabel="Partner portal"
      nav={NAV}
      account={
        <>
          <NotificationBell href="/portal/notifications" unread={unread} />
          <Link href="/account" className="hidden text-slate-700 hover:underline sm:inline">
            {partner.firstName} {partner.lastName}
          </Link>
          <SignOutButton />
        </>
      }
    >
      {mailFailure && (
        <div
          role="alert"
          className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          Our e-mails to {user.email} are being refused by your mail server. Please check your e-mail address on your{" "}
          <Link href="/portal/profile" className="font-medium underline">
            profile
          </Link>{" "}
          or ask the program team to update it.
        </div>
      )}
      {children}
    </AppShell>
  );
}
