import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeysPanel } from "@/components/auth/ApiKeysPanel";
import { connection } from "next/server";
import { PageHeader, Section } from "@/components/admin/PageHeader";
import { SettingsForm } from "@/components/admin/SettingsForm";
import { getDb } from "@/db";
import { getStoredSettings } from "@/lib/settings/update";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdmin();
  await connection();
  const s = await getStoredSettings(await getDb());
  const { updatedAt: _u, inboundWebhookSecret: _secret, id: _id, ...values } = s;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Program defaults. Changes apply to new referrals, rewards and payouts and are recorded in the audit log."
      />
      <SettingsForm initial={values} />
      <ApiKeysPanel />
      <Section title="Webhooks">
        <p className="text-sm text-slate-600">
          Outbound webhook endpoints, their deliveries and the inbound CRM signing secret are managed on the{" "}
          <Link href="/admin/webhooks" className="font-medium text-brand-700 hover:underline">
            webhooks page
          </Link>
          .
        </p>
      </Section>
    </>
  );
}
