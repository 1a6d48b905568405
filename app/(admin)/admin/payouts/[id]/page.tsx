import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AuditTable } from "@/components/admin/AuditTable";
import { buttonClass } from "@/components/admin/fields";
import { formatDate, formatDateTime, formatMoney, humanize } from "@/components/admin/format";
import { DetailList, EmptyState, PageHeader, Section } from "@/components/admin/PageHeader";
import { RecordPayment } from "@/components/admin/payouts/RecordPayment";
import { StatusBadge } from "@/components/admin/StatusBadge";
import { Table, Td } from "@/components/admin/Table";
import { getDb } from "@/db";
import { entityTimeline } from "@/lib/audit/queries";
import { getPayoutForAdmin } from "@/lib/admin/payouts";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Payout" };

export default async function PayoutPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  const db = await getDb();
  const p = await getPayoutForAdmin(db, id);
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
            <a className={buttonClass.secondary} href={`/admin/payouts/export?batchId=${p.batchId}`} download>
              Batch CSV
            </a>
          ) : null
        }
      />
      <Section title="Details">
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
            ["Created", formatDateTime(p.createdAt)],
            ["Paid", formatDateTime(p.paidAt)],
            ["Failed", p.failedAt ? `${formatDateTime(p.failedAt)}: ${p.failureReason ?? ""}` : "—"],
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
      </Section>
      <Section title="Rewards covered">
        {p.items.length === 0 ? (
          <EmptyState title="No rewards recorded for this payout" />
        ) : (
          <Table caption="Rewards in this payout" head={["Created", "Type", "Referral", "Status now", "Amount"]}>
            {p.items.map((i) => (
              <tr key={i.rewardId}>
                <Td>{formatDate(i.createdAt)}</Td>
                <Td>{humanize(i.type)}</Td>
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
                  <StatusBadge status={i.status} />
                </Td>
                <Td numeric>{formatMoney(i.amountCents, p.currency)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section title="Audit events">
        {events.length === 0 ? (
          <EmptyState title="No events recorded" />
        ) : (
          <AuditTable events={events} caption="Events for this payout" showEntity={false} />
        )}
      </Section>
    </>
  );
}
