import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { AppShell, type NavItem } from "@/components/layout/app-shell";
import { portalContext } from "@/lib/portal/context";

export const metadata = { title: { default: "Partner portal", template: "%s · Partner portal" } };

const NAV: NavItem[] = [
  { href: "/portal", label: "Dashboard", exact: true },
  { href: "/portal/referrals", label: "Referrals" },
  { href: "/portal/earnings", label: "Earnings" },
  { href: "/portal/payouts", label: "Payouts" },
  { href: "/portal/share", label: "Share your link" },
  { href: "/portal/profile", label: "Profile" },
];

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { partner } = await portalContext();
  return (
    <AppShell
      brand="Acme Insurance Quotes · Partners"
      brandHref="/portal"
      navLabel="Partner portal"
      nav={NAV}
      account={
        <>
          <Link href="/account" className="hidden text-slate-700 hover:underline sm:inline">
            {partner.firstName} {partner.lastName}
          </Link>
          <SignOutButton />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
