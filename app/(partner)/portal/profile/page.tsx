import { connection } from "next/server";
import { PayoutDetailsForm } from "@/components/portal/payout-details-form";
import { ProfileForm } from "@/components/portal/profile-form";
import { PayoutCurrencyForm } from "@/components/payouts/payout-currency-form";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { formatBps } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { PAYMENT_METHODS } from "@/db/schema/enums";
import { getPayoutDetails } from "@/lib/payout-details/service";
import { portalContext } from "@/lib/portal/context";
import { saveProfileAction } from "./actions";
import { savePayoutCurrencyAction, savePayoutDetailsAction } from "./payout-details-actions";

export const metadata = { title: "Profile" };

export default async function ProfilePage() {
  await connection();
  const { partner, db } = await portalContext();
  const details = partner.payoutDetails ?? {};
  const account = await getPayoutDetails(db, partner.id);
  const blocked = account?.payoutsBlockedUntil && account.payoutsBlockedUntil > new Date() ? account : null;
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
      <Card
        title="Payout details"
        description="Where we send your money. Account numbers and IBANs are stored encrypted and shown only by their last four characters."
      >
        {blocked && (
          <p
            role="status"
            className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            Your payout details changed on <DateTime value={blocked.changedAt} />. For your security, payouts are paused
            until <DateTime value={blocked.payoutsBlockedUntil!} />. If you did not make this change, contact the
            program team.
          </p>
        )}
        {account?.kind === "LEGACY" && (
          <p
            role="status"
            className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            We have your earlier account details on file ({account.accountMasked}). Please enter them below in the form
            your bank needs.
          </p>
        )}
        <div className="mb-6 border-b border-slate-200 pb-4">
          <PayoutCurrencyForm
            action={savePayoutCurrencyAction}
            extra={{}}
            earningCurrency={partner.currency}
            current={partner.payoutCurrency}
            who="partner"
          />
        </div>
        <PayoutDetailsForm
          action={savePayoutDetailsAction}
          initial={{
            kind: account?.kind ?? "",
            holderName: account?.holderName ?? "",
            routingNumber: account?.routingNumber ?? "",
            accountType: account?.accountType ?? "",
            bic: account?.bic ?? "",
            paypalEmail: account?.paypalEmail ?? "",
            line1: account?.address?.line1 ?? "",
            line2: account?.address?.line2 ?? "",
            city: account?.address?.city ?? "",
            region: account?.address?.region ?? "",
            postalCode: account?.address?.postalCode ?? "",
            country: account?.address?.country ?? "",
            accountMasked: account?.accountMasked ?? null,
          }}
        />
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
            notes: details.notes ?? "",
          }}
        />
      </Card>
    </div>
  );
}
