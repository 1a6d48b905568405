import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime, formatBps, formatMoney, humanize } from "@/components/ui";
import { DetailList } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { Td } from "@/components/ui/table";
import { AuditTimeline } from "@/components/audit/audit-timeline";
import { ReferralActions } from "@/components/admin/referrals/ReferralActions";
import { RewardsTable } from "@/components/admin/rewards/RewardsTable";
import { entityTimeline } from "@/lib/audit/queries";
import { getPartner } from "@/lib/partners/queries";
import { getReferral } from "@/lib/referrals/queries";
import { adminPage } from "../../context";

export const metadata: Metadata = { title: "Referral" };

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const { db } = await adminPage();
  const { id } = await params;
  const [r, timeline] = await Promise.all([getReferral(db, {}, id), entityTimeline(db, "referral", id)]);
  if (!r) notFound();
  const partner = await getPartner(db, {}, r.partnerId);
  if (!partner) notFound();
  const { lead, rewards } = r;
  const utm = [r.utmSource, r.utmMedium, r.utmCampaign, r.utmTerm, r.utmContent].filter(Boolean).join(" / ");
  return (
    <>
      <PageHeader
        title={`Referral ${r.referralCode}`}
        description={
          <span className="inline-flex items-center gap-2">
            <StatusBadge status={r.status} /> created <DateTime value={r.createdAt} />
          </span>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Details">
          <DetailList
            items={[
              [
                "Partner",
                <Link key="p" className="text-brand-700 hover:underline" href={`/admin/partners/${partner.id}`}>
                  {partner.firstName} {partner.lastName}
                </Link>,
              ],
              ["Partner rate", formatBps(partner.commissionRateBps)],
              [
                "Lead",
                lead ? (
                  <Link key="l" className="text-brand-700 hover:underline" href={`/admin/leads/${lead.id}`}>
                    {lead.firstName} {lead.lastName} ({humanize(lead.status)})
                  </Link>
                ) : (
                  "Not linked"
                ),
              ],
              ["Source", humanize(r.source)],
              ["Sub-id", r.subId ?? "—"],
              ["UTM", utm || "—"],
              ["Conversion value", formatMoney(r.conversionValueCents, r.currency)],
              ["Expires", <DateTime key="expires" value={r.expiresAt} mode="date" />],
              ["Rejection reason", r.rejectionReason ? humanize(r.rejectionReason) : "—"],
              ["Notes", r.notes ?? "—"],
            ]}
          />
        </Card>
        <Card title="Actions">
          <ReferralActions id={r.id} status={r.status} hasLead={!!r.leadId} currency={r.currency} />
        </Card>
      </div>
      <Card title="Rewards">
        <RewardsTable
          rewards={rewards}
          caption="Rewards of this referral"
          empty="No reward yet"
          emptyText="A reward is created when the referral converts."
          extra={{ label: "Rate", cell: (w) => <Td align="right">{formatBps(w.rateBps)}</Td> }}
        />
      </Card>
      <Card title="Timeline">
        <AuditTimeline events={timeline} />
      </Card>
    </>
  );
}
