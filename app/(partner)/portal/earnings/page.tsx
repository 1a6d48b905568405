import Link from "next/link";
import { connection } from "next/server";
import { BalanceCards } from "@/components/portal/balance-cards";
import { PERIODS, periodFrom } from "@/components/portal/periods";
import { FilterBar, IgnoredFilters } from "@/components/ui/filter-bar";
import { LinkButton } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { formatBps } from "@/components/ui/format";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { SortedTablePage } from "@/components/ui/paged-list";
import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import { Td, Tr } from "@/components/ui/table";
import { firstParam, type SearchParams } from "@/components/ui/url";
import { portalContext } from "@/lib/portal/context";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { partnerBalances, REWARD_STATUS_WORDS, rewardStatusWord } from "@/lib/payouts/balances";
import { listRewards, rewardListSchema } from "@/lib/rewards/queries";
import { isHeld } from "@/lib/rewards/core";
import { UNDER_REVIEW_REWARD } from "@/lib/risk/partner-view";

export const metadata = { title: "Earnings" };
const BASE = "/portal/earnings";

/** The balances' words as filter choices: "In review" is both review statuses, as on its card. */
const STATUS_CHOICES = [
  { value: "PENDING,CALCULATED", label: REWARD_STATUS_WORDS.CALCULATED },
  { value: "APPROVED", label: `${REWARD_STATUS_WORDS.APPROVED} or on its way` },
  { value: "PAID", label: REWARD_STATUS_WORDS.PAID },
  { value: "CANCELLED", label: REWARD_STATUS_WORDS.CANCELLED },
];

/** Rewards whose hold has not passed yet (highlighted: they cannot be approved before that date). */
function stillHeld(
  rows: { id: string; status: string; holdUntil: Date | null; reviewHold: boolean }[],
  now = new Date(),
): Set<string> {
  return new Set(rows.filter((w) => w.status === "CALCULATED" && isHeld(w, now)).map((w) => w.id));
}

export default async function EarningsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const sp = await searchParams;
  const { db, scope, partner } = await portalContext();
  const period = firstParam(sp.period);
  const parsed = parseListSafe(rewardListSchema, { ...sp, from: firstParam(sp.from) ?? periodFrom(period) });
  const [balances, listed] = await Promise.all([
    partnerBalances(db, scope.partnerId),
    listFirstPageOnBadCursor(parsed.params, (p) => listRewards(db, scope, p)),
  ]);
  const { params, result } = listed;
  const errors = [...parsed.errors, ...listed.errors];
  const held = stillHeld(result.data);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Earnings"
        description={
          <>
            {partner.commissionRateBps !== null
              ? `Your commission is ${formatBps(partner.commissionRateBps)} of each policy's value. `
              : "Your commission follows your plan (see How you earn). "}
            Every reward, how it was calculated and where it stands:
          </>
        }
      />
      <BalanceCards b={balances} linkTo={BASE} />
      <FilterBar
        action={BASE}
        label="Filter"
        values={{ status: params.status?.join(","), period }}
        hidden={{ sort: params.sort }}
      >
        <Select
          label="Status"
          name="status"
          defaultValue={params.status?.join(",") ?? ""}
          placeholder="Any status"
          options={STATUS_CHOICES}
        />
        <Select label="Period" name="period" defaultValue={period ?? ""} placeholder="All time" options={PERIODS} />
      </FilterBar>
      <IgnoredFilters errors={errors} />
      <SortedTablePage
        page={result}
        basePath={BASE}
        searchParams={sp}
        sort={params.sort}
        caption="Your rewards"
        columns={[
          { label: "Created", field: "createdAt" },
          "Referral",
          "Type",
          { label: "Amount", field: "amountCents", align: "right" },
          { label: "Status", field: "status", defaultDesc: false },
          { label: "Hold until", field: "holdUntil" },
          "How it was calculated",
          "Notes",
        ]}
        empty={
          <EmptyState
            title={params.status || params.from ? "No rewards match these filters" : "No earnings yet"}
            action={<LinkButton href="/portal/share">Share your link</LinkButton>}
          >
            A reward is created when someone you referred buys a policy. It is calculated from your commission rate,
            approved by the program team and paid out monthly.
          </EmptyState>
        }
      >
        {result.data.map((w) => (
          <Tr key={w.id}>
            <Td>
              <DateTime value={w.createdAt} mode="date" />
            </Td>
            <Td>
              {w.referralId ? (
                <Link href={`/portal/referrals/${w.referralId}`} className="text-brand-700 hover:underline">
                  View referral
                </Link>
              ) : (
                "—"
              )}
            </Td>
            <Td>{statusLabel(w.type)}</Td>
            <Td align="right">
              <Money cents={w.amountCents} currency={w.currency} />
            </Td>
            <Td>
              {w.reviewHold && w.status !== "PAID" && w.status !== "CANCELLED" ? (
                <StatusBadge status="ON_HOLD" label="Under review" />
              ) : (
                <StatusBadge status={w.status} label={rewardStatusWord(w.status, w.payoutId)} />
              )}
            </Td>
            <Td>
              {w.holdUntil ? (
                <span className={held.has(w.id) ? "font-medium text-amber-800" : undefined}>
                  <DateTime value={w.holdUntil} mode="date" />
                  {held.has(w.id) && w.holdReason ? (
                    <span className="block text-xs font-normal text-slate-600">{w.holdReason}</span>
                  ) : null}
                </span>
              ) : (
                "—"
              )}
            </Td>
            <Td className="max-w-xs">{w.calculation?.explanation ?? "—"}</Td>
            <Td className="max-w-xs">
              {w.status === "CANCELLED" ? (
                <span className="text-red-700">{w.cancelReason ?? "Cancelled"}</span>
              ) : w.reviewHold && w.status !== "PAID" ? (
                UNDER_REVIEW_REWARD
              ) : (
                (w.reason ??
                (w.paidAt ? (
                  <>
                    Paid <DateTime value={w.paidAt} mode="date" />
                  </>
                ) : null))
              )}
            </Td>
          </Tr>
        ))}
      </SortedTablePage>
    </div>
  );
}
