import Link from "next/link";
import { connection } from "next/server";
import { FilterBar, IgnoredFilters } from "@/components/ui/filter-bar";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { formatCount, formatMoney } from "@/components/ui/format";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { SortedTablePage } from "@/components/ui/paged-list";
import { StatusWithNote, statusLabel } from "@/components/ui/status-badge";
import { Td, Tr } from "@/components/ui/table";
import type { SearchParams } from "@/components/ui/url";
import { PAYOUT_STATUSES } from "@/db/schema/enums";
import { payoutItemsFor } from "@/lib/payouts/queries";
import { portalContext } from "@/lib/portal/context";
import { PAYOUT_STATUS_WORDS, partnerBalances } from "@/lib/payouts/balances";
import { payoutHistory, PAYOUT_HISTORY_PATH as BASE } from "@/lib/portal/payout-history";

export const metadata = { title: "Payouts" };

const DATE_FIELDS = [
  { value: "createdAt", label: "Created" },
  { value: "paidAt", label: "Paid" },
];

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const sp = await searchParams;
  const { db, scope, partner } = await portalContext();
  const [{ params, errors, result, filtered, form, rangeError, exportHref }, balances] = await Promise.all([
    payoutHistory(db, scope, sp),
    partnerBalances(db, partner.id),
  ]);
  const next = balances.nextPayout;
  const items = await payoutItemsFor(
    db,
    scope,
    result.data.map((p) => p.id),
  );
  const money = (c: number) => formatMoney(c, balances.currency);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Payouts"
        description="Approved earnings are paid once a month when they reach the minimum payout."
        actions={
          <a
            href={exportHref}
            download
            className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
          >
            {filtered ? "Download CSV (filtered)" : "Download CSV"}
          </a>
        }
      />
      <Card title="Next payout">
        {next.eligible ? (
          <p className="text-sm text-slate-800">
            <strong className="text-lg">{money(next.amountCents)}</strong>: your approved balance of{" "}
            {formatCount(balances.approved.count)} {balances.approved.count === 1 ? "reward" : "rewards"}, paid on{" "}
            <DateTime value={`${next.date}T12:00:00Z`} mode="date" /> to your{" "}
            {partner.payoutMethod ? statusLabel(partner.payoutMethod) : "payout method"}.
          </p>
        ) : (
          <p className="text-sm text-slate-800">
            Your approved balance is {money(balances.approved.cents)}. Payouts start at {money(next.minimumCents)}:{" "}
            {money(next.shortByCents)} to go. Next payout day: <DateTime value={`${next.date}T12:00:00Z`} mode="date" />
            .
          </p>
        )}
        {balances.onItsWay.payouts.map((p) => (
          <p key={p.id} className="mt-2 text-sm text-slate-700">
            On its way: a payout of {money(p.amountCents)} (created <DateTime value={p.createdAt} mode="date" />) is
            being transferred to you.
          </p>
        ))}
        {!partner.payoutMethod && (
          <p className="mt-2 text-sm text-amber-800">
            Add your payout method on your{" "}
            <Link href="/portal/profile" className="underline">
              profile
            </Link>{" "}
            so we can pay you.
          </p>
        )}
      </Card>
      <FilterBar action={BASE} label="Filter" values={form} hidden={{ sort: params.sort }}>
        <Select
          label="Status"
          name="status"
          defaultValue={form.status}
          placeholder="Any status"
          options={PAYOUT_STATUSES.map((s) => ({ value: s, label: PAYOUT_STATUS_WORDS[s] }))}
        />
        <Select label="Dates by" name="dateField" defaultValue={form.dateField} options={DATE_FIELDS} />
        <Input label="From" name="from" type="date" defaultValue={form.from} />
        <Input
          label="To (inclusive)"
          name="to"
          type="date"
          defaultValue={form.to}
          min={form.from || undefined}
          error={rangeError}
        />
      </FilterBar>
      <IgnoredFilters errors={errors} />
      <SortedTablePage
        page={result}
        basePath={BASE}
        searchParams={sp}
        sort={params.sort}
        caption="Payout history"
        columns={[
          { label: "Created", field: "createdAt" },
          { label: "Amount", field: "amountCents", align: "right" },
          { label: "Status", field: "status", defaultDesc: false },
          "Method",
          "Transaction id",
          { label: "Paid", field: "paidAt" },
          "Rewards covered",
        ]}
        empty={
          filtered ? (
            <EmptyState
              title="No payouts match these filters"
              action={<LinkButton href={BASE}>Clear filters</LinkButton>}
            >
              Try another status or date range.
              {params.dateField === "paidAt" &&
                (params.from || params.to) &&
                " Payouts not paid yet (pending or failed) have no paid date, so a paid-date range leaves them out."}
            </EmptyState>
          ) : result.pagination.total > 0 ? (
            <EmptyState
              title="This page is past the end of your payouts"
              action={<LinkButton href={BASE}>Back to the first page</LinkButton>}
            />
          ) : (
            <EmptyState
              title="No payouts yet"
              action={<LinkButton href="/portal/earnings">See your earnings</LinkButton>}
            >
              Once your approved earnings reach the minimum, they are paid on the next payout day and listed here with
              the transaction id.
            </EmptyState>
          )
        }
      >
        {result.data.map((p) => (
          <Tr key={p.id}>
            <Td>
              <DateTime value={p.createdAt} mode="date" />
            </Td>
            <Td align="right">
              <Money cents={p.amountCents} currency={p.currency} />
            </Td>
            <Td>
              <StatusWithNote
                status={p.status}
                label={PAYOUT_STATUS_WORDS[p.status]}
                note={p.failureReason}
                noteClassName="text-red-700"
              />
            </Td>
            <Td>{p.paymentMethod ? statusLabel(p.paymentMethod) : "—"}</Td>
            <Td className="font-mono text-xs">{p.transactionId ?? "—"}</Td>
            <Td>
              <DateTime value={p.paidAt} mode="date" />
            </Td>
            <Td>
              <details>
                <summary className="cursor-pointer text-brand-700">{p.rewardCount} reward(s)</summary>
                <ul className="mt-1 flex flex-col gap-1 text-xs">
                  {(items.get(p.id) ?? []).map((i) => (
                    <li key={i.rewardId}>
                      {i.referralId ? (
                        <Link href={`/portal/referrals/${i.referralId}`} className="text-brand-700 hover:underline">
                          {statusLabel(i.rewardType)}
                        </Link>
                      ) : (
                        statusLabel(i.rewardType)
                      )}{" "}
                      · <Money cents={i.amountCents} currency={p.currency} />
                    </li>
                  ))}
                </ul>
              </details>
            </Td>
          </Tr>
        ))}
      </SortedTablePage>
    </div>
  );
}
