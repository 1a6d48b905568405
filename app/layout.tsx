import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Partner Referral Program", template: "%s · Partner Referral Program" },
  description: "Partner referral program for insurance quotes: links, leads, commissions and payouts.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
