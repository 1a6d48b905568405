import type { Metadata } from "next";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { PagedList } from "@/components/ui/paged-list";
import { filterProblem, type SearchParams } from "@/components/ui/url";
import { ViewTabs } from "@/components/ui/view-tabs";
import { formatCount } from "@/components/ui";
import { ManualRewardForm } from "@/components/admin/rewards/ManualRewardForm";
import { RewardQueue } from "@/components/admin/rewards/RewardQueue";
import { REWARD_TYPES } from "@/db/schema";
import { approvalQueueFilterSchema, listApprovalQueue, type QueueView } from "@/lib/rewards/approval-queue";
import { partnerOptions } from "@/lib/partners/queries";
import { getSettings } from "@/lib/settings";
import { CREATED_RANGE, partnerFilter } from "@/components/admin/list-filters";
import { adminListPage } from "../context";

export const metadata: Metadata = { title: "Rewards" };

const KEYS = ["view", "type", "partnerId", "q", "from", "to", "page", "pageSize"] as const;
const VIEWS: { view: QueueView; label: string }[] = [
  { view: "due", label: "Ready to approve" },
  { view: "held", label: "On hold" },
  { view: "all", label: "All calculated" },
];

export default async function RewardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { db, sp, raw } = await adminListPage(searchParams, KEYS);
  const parsed = approvalQueueFilterSchema.safeParse(raw);
  const input = parsed.success ? raw : {};
  const [queue, partners, settings] = await Promise.all([
    listApprovalQueue(db, input),
    partnerOptions(db),
    getSettings(db),
  ]);
  const view = parsed.success ? parsed.data.view : "due";
  const { page: _p, pageSize: _s, ...filter } = input as Record<string, string>;
  return (
    <>
      <PageHeader
        title="Rewards"
        description={`Calculated rewards, oldest first. New rewards are held for the longer of the program hold (${settings.holdDays} days) and the free-look window of the lead's line and state (Settings).`}
      />
      <ViewTabs
        label="Approval queue views"
        items={VIEWS.map((v) => ({
          href: v.view === "due" ? "/admin/rewards" : `/admin/rewards?view=${v.view}`,
          label: v.label,
          active: view === v.view,
        }))}
      />
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
          partnerFilter(partners),
          ...CREATED_RANGE,
        ]}
      />
      <FilterProblem message={parsed.success ? null : filterProblem(parsed.error.issues)} />
      <PagedList page={queue} basePath="/admin/rewards" searchParams={sp}>
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
      </PagedList>
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
