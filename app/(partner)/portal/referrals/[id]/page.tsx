import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Timeline } from "@/components/portal/timeline";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { formatBps } from "@/components/ui/format";
import { FormError, FormSuccess } from "@/components/ui/form-error";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import { portalContext } from "@/lib/portal/context";
import { getReferral } from "@/lib/referrals/queries";
import { referralUnderReview, UNDER_REVIEW_MESSAGE } from "@/lib/risk/partner-view";

export const metadata = { title: "Referral" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="col-span-2 text-sm text-slate-900">{children ?? "—"}</dd>
    </div>
  );
}

export default async function ReferralDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { id } = await params;
  const submitted = (await searchParams).submitted === "1";
  const { db, scope } = await portalContext();
  // Another partner's referral is indistinguishable from a missing one: 404.
  const r = await getReferral(db, scope, id);
  if (!r) notFound();
  const underReview = await referralUnderReview(db, r);
  const utm = [r.utmSource, r.utmMedium, r.utmCampaign, r.utmTerm, r.utmContent].filter(Boolean).join(" / ");

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        back={
          <Link href="/portal/referrals" className="text-brand-700 hover:underline">
            ← All referrals
          </Link>
        }
        title={r.lead ? `${r.lead.firstName} ${r.lead.lastName}` : "Referral"}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={r.status} /> created <DateTime value={r.createdAt} />
          </span>
        }
      />
      {submitted &&
        (r.status === "REJECTED" ? (
          <FormError
            message={`We saved the prospect, but this referral was not counted for you: ${statusLabel(r.rejectionReason ?? "rejected")}.`}
          />
        ) : (
          <FormSuccess message="Thank you! The referral is recorded and our team will contact the prospect." />
        ))}
      {underReview && (
        <p role="status" data-testid="under-review" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {UNDER_REVIEW_MESSAGE}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Details">
          <dl className="divide-y divide-slate-100">
            <Row label="Code used">{r.referralCode}</Row>
            <Row label="Source">{statusLabel(r.source)}</Row>
            {r.subId && <Row label="Sub id">{r.subId}</Row>}
            {utm && <Row label="UTM">{utm}</Row>}
            {r.rejectionReason && <Row label="Rejected because">{statusLabel(r.rejectionReason)}</Row>}
            <Row label="Expires">
              <DateTime value={r.expiresAt} mode="date" />
            </Row>
            {r.convertedAt && (
              <Row label="Policy sold">
                <DateTime value={r.convertedAt} mode="date" />
              </Row>
            )}
            <Row label="Policy value">
              <Money cents={r.conversionValueCents} currency={r.currency} />
            </Row>
          </dl>
        </Card>
        <Card title="Prospect" description="Contact details are partly hidden to protect the prospect's privacy.">
          {r.lead ? (
            <dl className="divide-y divide-slate-100">
              <Row label="Name">
                {r.lead.firstName} {r.lead.lastName}
              </Row>
              <Row label="E-mail">{r.lead.email}</Row>
              <Row label="Phone">{r.lead.phone}</Row>
              <Row label="Insurance">{statusLabel(r.lead.insuranceType)}</Row>
              {r.lead.state && <Row label="State">{r.lead.state}</Row>}
              <Row label="Lead status">
                <StatusBadge status={r.lead.status} />
              </Row>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">No prospect is linked to this referral yet.</p>
          )}
        </Card>
      </div>
      <Card title="Commission">
        {r.rewards.length === 0 ? (
          <p className="text-sm text-slate-600">A commission is calculated when the prospect buys a policy.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {r.rewards.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  {statusLabel(w.type)}{" "}
                  {w.rateBps !== null && <span className="text-slate-600">at {formatBps(w.rateBps)}</span>}
                </span>
                <span className="flex items-center gap-2">
                  <Money cents={w.amountCents} currency={w.currency} />{" "}
                  {w.reviewHold && w.status !== "PAID" && w.status !== "CANCELLED" ? (
                    <StatusBadge status="ON_HOLD" label="Under review" />
                  ) : (
                    <StatusBadge status={w.status} />
                  )}
                </span>
                {w.holdUntil && w.status === "CALCULATED" && (
                  <span className="w-full text-xs text-slate-600">
                    On hold until <DateTime value={w.holdUntil} mode="date" />
                  </span>
                )}
                {w.cancelReason && <span className="w-full text-xs text-red-700">Cancelled: {w.cancelReason}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Timeline">
        <Timeline events={r.timeline} />
      </Card>
    </div>
  );
}
