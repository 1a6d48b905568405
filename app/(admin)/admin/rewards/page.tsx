import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { filterProblem, pick, type SearchParams } from "@/components/ui/url";
import { formatCount } from "@/components/ui";
import { ManualRewardForm } from "@/components/admin/rewards/ManualRewardForm";
import { RewardQueue } from "@/components/admin/rewards/RewardQueue";
import { getDb } from "@/db";
import { REWARD_TYPES } from "@/db/schema";
import { approvalQueueFilterSchema, listApprovalQueue, type QueueView } from "@/lib/rewards/approval-queue";
import { partnerOptions } from "@/lib/partners/queries";
import { requireAdmin } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Rewards" };

const KEYS = ["view", "type", "partnerId", "q", "from", "to", "page", "pageSize"] as const;
const VIEWS: { view: QueueView; label: string }[] = [
  { view: "due", label: "Ready to approve" },
  { view: "held", label: "On hold" },
  { view: "all", label: "All calculated" },
];

export default async function RewardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const parsed = approvalQueueFilterSchema.safeParse(raw);
  const db = await getDb();
  const input = parsed.success ? raw : {};
  const [queue, partners, settings] = await Promise.all([
    listApprovalQueue(db, input),
    partnerOptions(db),
    getSettings(db),
  ]);
  const view = parsed.success ? parsed.data.view : "due";
  const { page: _p, pageSize: _s, ...filter } = input as Record<string, string>;
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`;
  return (
    <>
      <PageHeader
        title="Rewards"
        description={`Calculated rewards, oldest first. New rewards are held for the longer of the program hold (${settings.holdDays} days) and the free-look window of the lead's line and state (Settings).`}
      />
      <nav aria-label="Approval queue views" className="flex flex-wrap gap-2">
        {VIEWS.map((v) => (
          <Link
            key={v.view}
            href={v.view === "due" ? "/admin/rewards" : `/admin/rewards?view=${v.view}`}
            className={tab(view === v.view)}
            aria-current={view === v.view ? "page" : undefined}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      <FilterBar
        label="Filter the approval queue"
        action="/admin/rewards"
        values={raw}
        hidden={{ view: view === "due" ? undefined : view }}
        fields={[
          { name: "q", label: "Search", type: "text", placeholder: "Partner, e-mail, company, code or reason" },
          {
            name: "type",
            label: "Type",
            type: "select",
            options: REWARD_TYPES.map((t) => ({ value: t, label: t.charAt(0) + t.slice(1).toLowerCase() })),
          },
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
      <FilterProblem message={parsed.success ? null : filterProblem(parsed.error.issues)} />
      <RewardQueue
        empty={
          <EmptyState title={view === "held" ? "No rewards on hold" : "Nothing to approve"}>
            {view === "due"
              ? "Rewards appear here once a referral converts and its hold period has passed."
              : "Try another view or clear the filters."}
          </EmptyState>
        }
        view={view}
        filter={filter}
        summary={{ ...queue.summary, currency: queue.data[0]?.currency ?? settings.defaultCurrency }}
        rows={queue.data.map((r) => ({
          id: r.id,
          createdAt: r.createdAt.toISOString(),
          partnerId: r.partnerId,
          partnerName: r.partnerName,
          partnerCompany: r.partnerCompany,
          referralId: r.referralId,
          referralCode: r.referralCode,
          type: r.type,
          amountCents: r.amountCents,
          currency: r.currency,
          holdUntil: r.holdUntil?.toISOString() ?? null,
          holdReason: r.holdReason,
          held: r.held,
          explanation: r.explanation,
        }))}
      />
      {queue.data.length ? (
        <Pagination
          pagination={queue.pagination}
          basePath="/admin/rewards"
          searchParams={sp}
          shown={queue.data.length}
        />
      ) : null}
      <Card title="Manual reward">
        <p className="mb-3 text-sm text-slate-600">
          Bonuses, adjustments and clawbacks are recorded with a reason and go through approval like any reward.{" "}
          {formatCount(partners.length)} partners.
        </p>
        <ManualRewardForm partners={partners.filter((p) => p.status !== "TERMINATED")} />
      </Card>
    </>
  );
}
