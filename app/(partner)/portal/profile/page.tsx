import { connection } from "next/server";
import { ProfileForm } from "@/components/portal/profile-form";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { formatBps } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { PAYMENT_METHODS } from "@/db/schema/enums";
import { portalContext } from "@/lib/portal/context";
import { saveProfileAction } from "./actions";

export const metadata = { title: "Profile" };

export default async function ProfilePage() {
  await connection();
  const { partner } = await portalContext();
  const details = partner.payoutDetails ?? {};
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Profile" description="Your contact details and how you get paid." />
      <Card title="Your program terms" description="Set by the program team; contact them to change these.">
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-sm text-slate-600">Referral code</dt>
            <dd className="font-mono text-lg font-semibold">{partner.referralCode ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Commission rate</dt>
            <dd className="text-lg font-semibold">{formatBps(partner.commissionRateBps)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Status</dt>
            <dd className="mt-1">
              <StatusBadge status={partner.status} />
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Partner since</dt>
            <dd className="text-sm">
              <DateTime value={partner.approvedAt ?? partner.createdAt} mode="date" />
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">Sign-in e-mail</dt>
            <dd className="text-sm">{partner.email}</dd>
          </div>
          {partner.codes.length > 1 && (
            <div className="sm:col-span-2">
              <dt className="text-sm text-slate-600">Earlier codes (still work)</dt>
              <dd className="font-mono text-sm">
                {partner.codes
                  .filter((c) => !c.isCurrent)
                  .map((c) => c.code)
                  .join(", ")}
              </dd>
            </div>
          )}
        </dl>
      </Card>
      <Card title="Edit your details">
        <ProfileForm
          action={saveProfileAction}
          methods={PAYMENT_METHODS}
          initial={{
            firstName: partner.firstName,
            lastName: partner.lastName,
            companyName: partner.companyName ?? "",
            phone: partner.phone ?? "",
            payoutMethod: partner.payoutMethod ?? "",
            accountHolder: details.accountHolder ?? "",
            account: details.account ?? "",
            notes: details.notes ?? "",
          }}
        />
      </Card>
    </div>
  );
}
