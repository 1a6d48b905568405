import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { buttonClass } from "@/components/admin/fields";
import { FilterBar, FilterProblem } from "@/components/admin/FilterBar";
import { formatDate, formatMoney, formatNumber, humanize } from "@/components/admin/format";
import { EmptyState, PageHeader, Section } from "@/components/admin/PageHeader";
import { Pagination, hrefWith } from "@/components/admin/Pagination";
import { BatchForm } from "@/components/admin/payouts/BatchForm";
import { BatchPayment } from "@/components/admin/payouts/BatchPayment";
import { ConfirmationUpload } from "@/components/admin/payouts/ConfirmationUpload";
import { RecordPayment } from "@/components/admin/payouts/RecordPayment";
import { filterProblem, pick, type SearchParams } from "@/components/admin/search-params";
import { StatusBadge } from "@/components/admin/StatusBadge";
import { Table, Td } from "@/components/admin/Table";
import { getDb } from "@/db";
import { PAYMENT_METHODS, PAYOUT_STATUSES } from "@/db/schema";
import { partnerOptions } from "@/lib/admin/partners";
import { listPayouts, payableByPartner, payoutListSchema } from "@/lib/admin/payouts";
import { requireAdmin } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Payouts" };

const KEYS = ["status", "method", "partnerId", "batchId", "from", "to", "page", "pageSize"] as const;

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const parsed = payoutListSchema.safeParse(raw);
  const db = await getDb();
  const settings = await getSettings(db);
  const batchId = parsed.success ? raw.batchId : undefined;
  const [history, payable, partners, batchPending] = await Promise.all([
    listPayouts(db, parsed.success ? raw : {}),
    payableByPartner(db, settings.minimumPayoutCents),
    partnerOptions(db),
    batchId ? listPayouts(db, { batchId, status: "PENDING", pageSize: "1" }) : null,
  ]);
  const { page: _p, pageSize: _s, ...filters } = parsed.success ? raw : ({} as Record<string, string>);
  return (
    <>
      <PageHeader
        title="Payouts"
        description={`Pay approved rewards in batches. Program minimum ${formatMoney(settings.minimumPayoutCents, settings.defaultCurrency)}, payout day ${settings.payoutDayOfMonth} of each month.`}
      />
      <Section title="New batch">
        <BatchForm payable={payable} defaultMinimumCents={settings.minimumPayoutCents} />
      </Section>
      <Section title="Record the bank's confirmation">
        <ConfirmationUpload />
      </Section>
      <Section
        title="History"
        actions={
          <a href={hrefWith("/admin/payouts/export", filters, {})} className={buttonClass.secondary} download>
            Export CSV
          </a>
        }
      >
        <div className="flex flex-col gap-4">
          <FilterBar
            label="Filter payouts"
            action="/admin/payouts"
            values={raw}
            hidden={{ batchId: raw.batchId }}
            fields={[
              { name: "status", label: "Status", type: "select", options: PAYOUT_STATUSES },
              { name: "method", label: "Method", type: "select", options: PAYMENT_METHODS },
              {
                name: "partnerId",
                label: "Partner",
                type: "select",
                options: partners.map((p) => ({ value: p.id, label: p.label })),
              },
              { name: "from", label: "Created from", type: "date" },
              { name: "to", label: "Created to", type: "date" },
            ]}
          />
          {batchId && batchPending ? (
            <BatchPayment batchId={batchId} pendingCount={batchPending.pagination.total} />
          ) : null}
          {raw.batchId ? (
            <p className="text-sm text-slate-700">
              Showing batch <span className="font-mono">{raw.batchId.slice(0, 8)}</span>.{" "}
              <a
                className="font-medium text-brand-700 hover:underline"
                href={`/admin/payouts/export?batchId=${raw.batchId}`}
                download
              >
                Download its CSV
              </a>{" "}
              ·{" "}
              <Link className="font-medium text-brand-700 hover:underline" href="/admin/payouts">
                Show all payouts
              </Link>
            </p>
          ) : null}
          <FilterProblem message={parsed.success ? null : filterProblem(parsed.error.issues)} />
          {history.data.length === 0 ? (
            <EmptyState title="No payouts match">Create a batch above, or clear the filters.</EmptyState>
          ) : (
            <>
              <Table
                caption="Payout history, newest first"
                head={["Created", "Partner", "Status", "Amount", "Rewards", "Method", "Transaction / record payment"]}
              >
                {history.data.map((p) => (
                  <tr key={p.id}>
                    <Td className="whitespace-nowrap">
                      <Link href={`/admin/payouts/${p.id}`} className="text-brand-700 hover:underline">
                        {formatDate(p.createdAt)}
                      </Link>
                    </Td>
                    <Td>
                      <Link href={`/admin/partners/${p.partnerId}`} className="hover:underline">
                        {p.partnerName}
                      </Link>
                    </Td>
                    <Td>
                      <StatusBadge status={p.status} />
                      {p.failureReason ? <span className="block text-xs text-rose-700">{p.failureReason}</span> : null}
                    </Td>
                    <Td numeric>{formatMoney(p.amountCents, p.currency)}</Td>
                    <Td numeric>{formatNumber(p.rewardCount)}</Td>
                    <Td>{humanize(p.paymentMethod ?? p.partnerPayoutMethod)}</Td>
                    <Td>
                      {p.status === "PENDING" ? (
                        <RecordPayment
                          payoutId={p.id}
                          defaultMethod={p.partnerPayoutMethod}
                          label={`${p.partnerName}, ${formatMoney(p.amountCents, p.currency)}`}
                        />
                      ) : (
                        <span className="font-mono text-xs">{p.transactionId ?? "—"}</span>
                      )}
                    </Td>
                  </tr>
                ))}
              </Table>
              <Pagination path="/admin/payouts" params={sp} {...history.pagination} />
            </>
          )}
        </div>
      </Section>
    </>
  );
}
