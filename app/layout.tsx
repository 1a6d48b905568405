import type { Metadata } from "next";
import { connection } from "next/server";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { viewerTimeZone } from "@/lib/time-zone";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Partner Referral Program", template: "%s · Partner Referral Program" },
  description: "Partner referral program for insurance quotes: links, leads, commissions and payouts.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so each carries the nonce of its own Content-Security-Policy (proxy.ts).
  await connection();
  const zone = await viewerTimeZone();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TimeZoneProvider zone={zone}>{children}</TimeZoneProvider>
      </body>
    </html>
  );
}
