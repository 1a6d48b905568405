import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { DateTime, formatBps, formatMoney, humanize } from "@/components/ui";
import { DetailList } from "@/components/ui/detail-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { AuditTimeline } from "@/components/audit/audit-timeline";
import { ReferralActions } from "@/components/admin/referrals/ReferralActions";
import { getDb } from "@/db";
import { entityTimeline } from "@/lib/audit/queries";
import { requireAdmin } from "@/lib/auth/session";
import { getPartner } from "@/lib/partners/queries";
import { getReferral } from "@/lib/referrals/queries";

export const metadata: Metadata = { title: "Referral" };

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  const db = await getDb();
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
        {rewards.length === 0 ? (
          <EmptyState title="No reward yet">A reward is created when the referral converts.</EmptyState>
        ) : (
          <Table
            caption="Rewards of this referral"
            head={["Created", "Type", "Status", "Amount", "Rate", "Hold until", "Note"]}
          >
            {rewards.map((w) => (
              <tr key={w.id}>
                <Td>
                  <DateTime value={w.createdAt} mode="date" />
                </Td>
                <Td>{humanize(w.type)}</Td>
                <Td>
                  <StatusBadge status={w.status} />
                </Td>
                <Td align="right">{formatMoney(w.amountCents, w.currency)}</Td>
                <Td align="right">{formatBps(w.rateBps)}</Td>
                <Td>
                  <DateTime value={w.holdUntil} mode="date" />
                </Td>
                <Td className="text-xs text-slate-600">
                  {w.cancelReason ?? w.approvalOverrideReason ?? w.reason ?? ""}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Timeline">
        <AuditTimeline events={timeline} />
      </Card>
    </>
  );
}
