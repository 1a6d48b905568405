import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeysPanel } from "@/components/auth/ApiKeysPanel";
import { connection } from "next/server";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { SettingsForm } from "@/components/admin/SettingsForm";
import { LicenceRulesForm } from "@/components/admin/settings/LicenceRulesForm";
import { PolicyWindowsForm } from "@/components/admin/PolicyWindowsForm";
import { getDb } from "@/db";
import { getStoredSettings } from "@/lib/settings/update";
import { riskRules } from "@/lib/risk/rules";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdmin();
  await connection();
  const s = await getStoredSettings(await getDb());
  const {
    updatedAt: _u,
    inboundWebhookSecret: _secret,
    id: _id,
    riskRules: _risk,
    licenceStateRules,
    policyWindows,
    unlicensedReferralFeeCents,
    ...values
  } = s;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Program defaults. Changes apply to new referrals, rewards and payouts and are recorded in the audit log."
      />
      <SettingsForm initial={values} risk={riskRules(s.riskRules)} />
      <Card title="Unlicensed partners: state rules (EXAMPLE)">
        <LicenceRulesForm feeCents={unlicensedReferralFeeCents} rules={licenceStateRules} />
      </Card>
      <PolicyWindowsForm initial={policyWindows} />
      <ApiKeysPanel />
      <Card title="Webhooks">
        <p className="text-sm text-slate-600">
          Outbound webhook endpoints, their deliveries and the inbound CRM signing secret are managed on the{" "}
          <Link href="/admin/webhooks" className="font-medium text-brand-700 hover:underline">
            webhooks page
          </Link>
          .
        </p>
      </Card>
    </>
  );
}
