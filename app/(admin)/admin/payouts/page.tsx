import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { PagedList } from "@/components/ui/paged-list";
import { filterProblem, hrefWith, type SearchParams } from "@/components/ui/url";
import { StatusWithNote } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { DateTime, formatCount, formatMoney, humanize } from "@/components/ui";
import { BatchApproval } from "@/components/admin/payouts/BatchApproval";
import { BatchFiles } from "@/components/admin/payouts/BatchFiles";
import { BatchForm } from "@/components/admin/payouts/BatchForm";
import { BatchPayment } from "@/components/admin/payouts/BatchPayment";
import { ConfirmationUpload } from "@/components/admin/payouts/ConfirmationUpload";
import { RecordPayment } from "@/components/admin/payouts/RecordPayment";
import { PAYMENT_METHODS, PAYOUT_STATUSES } from "@/db/schema";
import { partnerOptions } from "@/lib/partners/queries";
import { batchRailCounts } from "@/lib/payouts/files";
import { draftBatches, getBatchApproval } from "@/lib/payouts/schedule";
import { listPayouts, payableByPartner, PAYOUT_FILTER_KEYS, payoutListSchema } from "@/lib/payouts/queries";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { COUNT_CAP } from "@/lib/query/run";
import { getSettings } from "@/lib/settings";
import { CREATED_RANGE, partnerFilter } from "@/components/admin/list-filters";
import { adminListPage } from "../context";

export const metadata: Metadata = { title: "Payouts" };

const KEYS = [...PAYOUT_FILTER_KEYS, "sort", "page", "pageSize"] as const;

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { db, sp, raw } = await adminListPage(searchParams, KEYS);
  const parsed = parseListSafe(payoutListSchema, raw);
  const settings = await getSettings(db);
  const batchId = parsed.params.batchId;
  const [{ result: history, errors }, payable, partners, batchPending, railCounts, approval, drafts] =
    await Promise.all([
      listFirstPageOnBadCursor(parsed.params, (p) => listPayouts(db, {}, p, { countCap: COUNT_CAP })),
      payableByPartner(db, settings.minimumPayoutCents, { thresholdCents: settings.form1099ThresholdCents }),
      partnerOptions(db),
      batchId ? listPayouts(db, {}, { batchId, status: "PENDING", pageSize: "1" }) : null,
      batchId ? batchRailCounts(db, batchId) : null,
      batchId ? getBatchApproval(db, batchId) : null,
      draftBatches(db),
    ]);
  const isDraft = approval?.status === "DRAFT";
  const year = new Date().getUTCFullYear();
  const { sort: _o, page: _p, pageSize: _s, ...filters }: Record<string, string> = parsed.errors.length ? {} : raw;
  return (
    <>
      <PageHeader
        title="Payouts"
        description={`Pay approved rewards in batches. Program minimum ${formatMoney(settings.minimumPayoutCents, settings.defaultCurrency)}, payout day ${settings.payoutDayOfMonth} of each month.`}
        actions={
          <Link href="/admin/payouts/rates" className={buttonClass("secondary")}>
            Exchange rates
          </Link>
        }
      />
      {drafts.length > 0 ? (
        <Card title="Drafted batches waiting for approval">
          <ul className="flex flex-col gap-1 text-sm">
            {drafts.map((d) => (
              <li key={d.id}>
                <Link className="font-medium text-brand-700 hover:underline" href={`/admin/payouts?batchId=${d.id}`}>
                  Payout day {d.payoutDay}
                </Link>
                : {formatCount(d.payoutCount)} {d.payoutCount === 1 ? "payout" : "payouts"},{" "}
                {formatMoney(d.totalCents, settings.defaultCurrency)}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="New batch">
        <BatchForm payable={payable} programMinimumCents={settings.minimumPayoutCents} />
      </Card>
      <Card title="Record the bank's confirmation">
        <ConfirmationUpload />
      </Card>
      <Card
        title="Tax reports"
        description={`1099-NEC: US partners paid at least ${formatMoney(settings.form1099ThresholdCents, "USD")} in the calendar year, PayPal payouts excluded. TINs are masked.`}
      >
        <div className="flex flex-wrap gap-2">
          {[year, year - 1].map((y) => (
            <a key={y} className={buttonClass("secondary", "sm")} href={`/api/v1/reports/1099-nec?year=${y}`} download>
              Download 1099-NEC report {y}
            </a>
          ))}
        </div>
      </Card>
      <Card
        title="History"
        actions={
          <a href={hrefWith("/admin/payouts/export", filters, {})} className={buttonClass("secondary")} download>
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
              { name: "paymentMethod", label: "Method", type: "select", options: PAYMENT_METHODS },
              partnerFilter(partners),
              ...CREATED_RANGE,
            ]}
          />
          {batchId && approval && isDraft ? (
            <BatchApproval batchId={batchId} payoutDay={approval.payoutDay} payoutCount={history.pagination.total} />
          ) : null}
          {batchId && batchPending && !isDraft ? (
            <BatchPayment batchId={batchId} pendingCount={batchPending.pagination.total} />
          ) : null}
          {batchId && railCounts && !isDraft ? <BatchFiles batchId={batchId} counts={railCounts} /> : null}
          {raw.batchId ? (
            <p className="text-sm text-slate-700">
              Showing batch <span className="font-mono">{raw.batchId.slice(0, 8)}</span>.{" "}
              {isDraft ? null : (
                <>
                  <a
                    className="font-medium text-brand-700 hover:underline"
                    href={`/admin/payouts/export?batchId=${raw.batchId}`}
                    download
                  >
                    Download its CSV
                  </a>{" "}
                  ·{" "}
                </>
              )}
              <Link className="font-medium text-brand-700 hover:underline" href="/admin/payouts">
                Show all payouts
              </Link>
            </p>
          ) : null}
          <FilterProblem message={filterProblem([...parsed.errors, ...errors])} />
          <PagedList
            page={history}
            basePath="/admin/payouts"
            searchParams={sp}
            empty={<EmptyState title="No payouts match">Create a batch above, or clear the filters.</EmptyState>}
          >
            <Table
              caption="Payout history, newest first"
              head={["Created", "Partner", "Status", "Amount", "Rewards", "Method", "Transaction / record payment"]}
            >
              {history.data.map((p) => (
                <tr key={p.id}>
                  <Td className="whitespace-nowrap">
                    <Link href={`/admin/payouts/${p.id}`} className="text-brand-700 hover:underline">
                      <DateTime value={p.createdAt} mode="date" />
                    </Link>
                  </Td>
                  <Td>
                    <Link href={`/admin/partners/${p.partnerId}`} className="hover:underline">
                      {p.partnerName}
                    </Link>
                  </Td>
                  <Td>
                    <StatusWithNote status={p.status} note={p.failureReason} noteClassName="text-rose-700" />
                  </Td>
                  <Td align="right">{formatMoney(p.amountCents, p.currency)}</Td>
                  <Td align="right">{formatCount(p.rewardCount)}</Td>
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
          </PagedList>
        </div>
      </Card>
    </>
  );
}
