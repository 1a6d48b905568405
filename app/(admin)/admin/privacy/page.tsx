import type { Metadata } from "next";
import { connection } from "next/server";
import { PrivacyTools } from "@/components/admin/compliance/PrivacyTools";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacyPage() {
  await requireAdmin();
  await connection();
  const settings = await getSettings(await getDb());
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Access and deletion requests (CCPA, GDPR) for one person, by the e-mail or phone they gave. Every request is in the audit log, with masked references."
      />
      <PrivacyTools retentionMonths={settings.retentionAnonymiseMonths} />
    </>
  );
}
