import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { formatBps, formatDate, formatDateTime, formatMoney, humanize } from "@/components/admin/format";
import { DetailList, EmptyState, PageHeader, Section } from "@/components/admin/PageHeader";
import { ReferralActions } from "@/components/admin/referrals/ReferralActions";
import { StatusBadge } from "@/components/admin/StatusBadge";
import { Table, Td } from "@/components/admin/Table";
import { Timeline } from "@/components/admin/Timeline";
import { getDb } from "@/db";
import { getReferralForAdmin } from "@/lib/admin/referrals";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Referral" };

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  const data = await getReferralForAdmin(await getDb(), id);
  if (!data) notFound();
  const { referral: r, partner, lead, rewards, timeline } = data;
  const utm = [r.utmSource, r.utmMedium, r.utmCampaign, r.utmTerm, r.utmContent].filter(Boolean).join(" / ");
  return (
    <>
      <PageHeader
        title={`Referral ${r.referralCode}`}
        description={
          <span className="inline-flex items-center gap-2">
            <StatusBadge status={r.status} /> created {formatDateTime(r.createdAt)}
          </span>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Section title="Details">
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
              ["Expires", formatDate(r.expiresAt)],
              ["Rejection reason", r.rejectionReason ? humanize(r.rejectionReason) : "—"],
              ["Notes", r.notes ?? "—"],
            ]}
          />
        </Section>
        <Section title="Actions">
          <ReferralActions id={r.id} status={r.status} hasLead={!!r.leadId} currency={r.currency} />
        </Section>
      </div>
      <Section title="Rewards">
        {rewards.length === 0 ? (
          <EmptyState title="No reward yet">A reward is created when the referral converts.</EmptyState>
        ) : (
          <Table
            caption="Rewards of this referral"
            head={["Created", "Type", "Status", "Amount", "Rate", "Hold until", "Note"]}
          >
            {rewards.map((w) => (
              <tr key={w.id}>
                <Td>{formatDate(w.createdAt)}</Td>
                <Td>{humanize(w.type)}</Td>
                <Td>
                  <StatusBadge status={w.status} />
                </Td>
                <Td numeric>{formatMoney(w.amountCents, w.currency)}</Td>
                <Td numeric>{formatBps(w.rateBps)}</Td>
                <Td>{formatDate(w.holdUntil)}</Td>
                <Td className="text-xs text-slate-600">
                  {w.cancelReason ?? w.approvalOverrideReason ?? w.reason ?? ""}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section title="Timeline">
        <Timeline events={timeline} />
      </Section>
    </>
  );
}
