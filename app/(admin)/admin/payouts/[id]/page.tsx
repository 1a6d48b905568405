import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditEventsCard } from "@/components/audit/audit-table";
import { buttonClass } from "@/components/ui/button";
import { DetailList } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TableOrEmpty, Td } from "@/components/ui/table";
import { DateTime, formatMoney, humanize } from "@/components/ui";
import { RecordPayment } from "@/components/admin/payouts/RecordPayment";
import { entityTimeline } from "@/lib/audit/queries";
import { getPayout } from "@/lib/payouts/queries";
import { adminPage } from "../../context";

export const metadata: Metadata = { title: "Payout" };

export default async function PayoutPage({ params }: { params: Promise<{ id: string }> }) {
  const { db } = await adminPage();
  const { id } = await params;
  const p = await getPayout(db, {}, id);
  if (!p) notFound();
  const events = await entityTimeline(db, "payout", id);
  return (
    <>
      <PageHeader
        title={`Payout to ${p.partnerName}`}
        description={
          <span className="inline-flex items-center gap-2">
            <StatusBadge status={p.status} /> {formatMoney(p.amountCents, p.currency)}
          </span>
        }
        actions={
          p.batchId ? (
            <a className={buttonClass("secondary")} href={`/admin/payouts/export?batchId=${p.batchId}`} download>
              Batch CSV
            </a>
          ) : null
        }
      />
      <Card title="Details">
        <DetailList
          items={[
            [
              "Partner",
              <Link key="p" className="text-brand-700 hover:underline" href={`/admin/partners/${p.partnerId}`}>
                {p.partnerName}
              </Link>,
            ],
            ["E-mail", p.partnerEmail],
            ["Amount", formatMoney(p.amountCents, p.currency)],
            ["Method", humanize(p.paymentMethod ?? p.partnerPayoutMethod)],
            ["Transaction id", p.transactionId ?? "—"],
            ["Created", <DateTime key="created" value={p.createdAt} />],
            ["Paid", <DateTime key="paid" value={p.paidAt} />],
            [
              "Failed",
              p.failedAt ? (
                <>
                  <DateTime value={p.failedAt} />: {p.failureReason ?? ""}
                </>
              ) : (
                "—"
              ),
            ],
            [
              "Batch",
              p.batchId ? (
                <Link
                  key="b"
                  className="font-mono text-brand-700 hover:underline"
                  href={`/admin/payouts?batchId=${p.batchId}`}
                >
                  {p.batchId.slice(0, 8)}
                </Link>
              ) : (
                "—"
              ),
            ],
          ]}
        />
        {p.status === "PENDING" ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">Record the payment</h3>
            <RecordPayment payoutId={p.id} defaultMethod={p.partnerPayoutMethod} label={p.partnerName} />
          </div>
        ) : null}
      </Card>
      {p.conversions.length ? (
        <Card
          title="Currency conversion"
          description="Rewards in another currency are totalled per currency, then converted once at the rate of the payout's day and rounded half to even."
        >
          <Table
            caption="Conversions of this payout"
            head={["From", "Rewards total", "Rate", "Rate day", "Source", "Converted"]}
          >
            {p.conversions.map((c) => (
              <tr key={c.fromCurrency}>
                <Td className="font-mono">
                  {c.fromCurrency}→{c.toCurrency}
                </Td>
                <Td align="right">{formatMoney(c.originalCents, c.fromCurrency)}</Td>
                <Td align="right" className="font-mono">
                  {c.rate}
                </Td>
                <Td>{c.rateDate}</Td>
                <Td>{c.rateSource}</Td>
                <Td align="right">{formatMoney(c.convertedCents, c.toCurrency)}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      ) : null}
      <Card title="Rewards covered">
        <TableOrEmpty
          rows={p.items}
          empty="No rewards recorded for this payout"
          caption="Rewards in this payout"
          head={["Created", "Type", "Referral", "Status now", "Amount"]}
        >
          {(i) => (
            <tr key={i.rewardId}>
              <Td>
                <DateTime value={i.rewardCreatedAt} mode="date" />
              </Td>
              <Td>{humanize(i.rewardType)}</Td>
              <Td>
                {i.referralId ? (
                  <Link
                    className="font-mono text-xs text-brand-700 hover:underline"
                    href={`/admin/referrals/${i.referralId}`}
                  >
                    {i.referralCode}
                  </Link>
                ) : (
                  "—"
                )}
              </Td>
              <Td>
                <StatusBadge status={i.rewardStatus} />
              </Td>
              <Td align="right">{formatMoney(i.amountCents, i.currency)}</Td>
            </tr>
          )}
        </TableOrEmpty>
      </Card>
      <AuditEventsCard events={events} caption="Events for this payout" />
    </>
  );
}
