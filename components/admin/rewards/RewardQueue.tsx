"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import {
  approveRewardAction,
  bulkApproveAction,
  cancelRewardAction,
  matchingRewardIds,
} from "@/app/(admin)/admin/rewards/actions";
import type { QueueView } from "@/lib/rewards/approval-queue";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Table, Td } from "@/components/ui/table";
import { useAction } from "@/components/ui/use-action";
import { DateTime, formatCount, formatInstant, formatMoney, useTimeZone } from "@/components/ui";
import { BulkProgressPanel } from "./BulkProgressPanel";
import { addResults, chunk, emptyProgress, type BulkProgress, type RowResult } from "./chunks";

export interface QueueRowView {
  id: string;
  createdAt: string;
  partnerId: string;
  partnerName: string;
  partnerCompany: string | null;
  referralId: string | null;
  referralCode: string | null;
  type: string;
  amountCents: number | null;
  currency: string;
  holdUntil: string | null;
  holdReason: string | null;
  held: boolean;
  /** How the amount was computed, in one line (or a manual reward's reason). */
  explanation: string | null;
}

const CHUNK = 250;

/**
 * The approval queue: approve one, approve the selected ones, or approve everything matching the
 * filter, each confirmed; bulk runs go in chunks with a progress bar and a result per row. After every
 * action the server's count and total are reloaded, and only the latest action's message stays.
 */
export function RewardQueue({
  rows,
  view,
  filter,
  summary,
  empty,
}: {
  rows: QueueRowView[];
  view: QueueView;
  filter: Record<string, string>;
  summary: { count: number; amountCents: number; currency: string };
  /** Shown instead of the table when nothing is left (the bulk summary stays above it). */
  empty: React.ReactNode;
}) {
  const router = useRouter();
  const zone = useTimeZone();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<Map<string, RowResult>>(new Map());
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const single = useAction(approveRewardAction, { success: "Reward approved." });
  const cancel = useAction(cancelRewardAction, { success: "Reward cancelled." });
  const needsOverride = view !== "due";
  // Only rows still in the queue count: approved ones leave it when the page reloads.
  const selectedIds = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const allOnPage = rows.length > 0 && selectedIds.length === rows.length;
  const running = progress?.running ?? false;

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  /** One message at a time: starting an action clears what the previous one said. */
  function clearMessages(keep: "bulk" | "single") {
    single.setOutcome(null);
    cancel.setOutcome(null);
    setResults(new Map());
    if (keep === "single") setProgress(null);
  }

  /** The end of a bulk run: the bar shows what was processed, the selection is gone, counts reload. */
  function finish(p: BulkProgress) {
    setProgress({ ...p, running: false, total: p.error ? p.total : p.done });
    setSelected(new Set());
    router.refresh();
  }

  async function runBulk(ids: string[], reason: string, total: number, prior?: BulkProgress): Promise<BulkProgress> {
    let p = prior ?? emptyProgress(total);
    p = { ...p, total };
    setProgress(p);
    for (const part of chunk(ids, CHUNK)) {
      const res = await bulkApproveAction(null, {
        rewardIds: part,
        ...(needsOverride ? { override: true, reason } : {}),
      });
      if (!res.ok) {
        p = { ...p, running: false, error: res.error };
        setProgress(p);
        return p;
      }
      p = addResults(p, res.data.results);
      setResults((m) => {
        const n = new Map(m);
        for (const r of res.data.results) n.set(r.id, r);
        return n;
      });
      setProgress(p);
    }
    return p;
  }

  async function approveSelected(reason: string) {
    clearMessages("bulk");
    finish(await runBulk(selectedIds, reason, selectedIds.length));
    return true;
  }

  /** Every matching reward, in rounds of at most 10,000 ids, until none are left or a round approves nothing. */
  async function approveAll(reason: string) {
    clearMessages("bulk");
    let p: BulkProgress = emptyProgress(summary.count);
    setProgress(p);
    for (let round = 0; round < 100; round++) {
      const found = await matchingRewardIds(null, { filter });
      if (!found.ok) {
        p = { ...p, error: found.error };
        break;
      }
      const ids = found.data.ids.filter((id) => !p.skippedRows.some((s) => s.id === id));
      if (ids.length === 0) break;
      const before = p.approved;
      // The total is what the server finds now, not the count shown when the page loaded.
      const total = round === 0 && !found.data.more ? ids.length : Math.max(p.total, p.done + ids.length);
      p = await runBulk(ids, reason, total, p);
      if (p.error || p.approved === before || !found.data.more) break;
    }
    finish(p);
    return true;
  }

  const overrideReason = needsOverride
    ? { label: "Reason for approving before the hold ends", required: true }
    : undefined;
  const result = (id: string) => results.get(id);
  const currency = summary.currency;

  const head = useMemo(
    () => [
      <input
        key="all"
        type="checkbox"
        aria-label="Select all rewards on this page"
        checked={allOnPage}
        disabled={running || rows.length === 0}
        onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))}
      />,
      "Created",
      "Partner",
      "Referral",
      "Amount",
      "Why",
      "Hold until",
      "Result",
      "Actions",
    ],
    [allOnPage, rows, running],
  );

  return (
    <div className="flex flex-col gap-4">
      {summary.count > 0 || progress ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <p className="text-sm text-slate-700">
            <span className="font-semibold">{formatCount(summary.count)}</span> matching{" "}
            {summary.count === 1 ? "reward" : "rewards"} totalling{" "}
            <span className="font-semibold">{formatMoney(summary.amountCents, currency)}</span>
            {selectedIds.length ? ` · ${formatCount(selectedIds.length)} selected` : ""}
          </p>
          <div className="flex flex-wrap gap-2">
            <ConfirmDialog
              trigger={`Approve selected (${formatCount(selectedIds.length)})`}
              triggerClassName={buttonClass("secondary")}
              disabled={selectedIds.length === 0 || running}
              title={`Approve ${formatCount(selectedIds.length)} selected rewards?`}
              description="Each reward is checked again on the server; any that cannot be approved is skipped with the reason."
              confirmLabel="Approve selected"
              reason={overrideReason}
              onConfirm={approveSelected}
            />
            <ConfirmDialog
              trigger={`Approve all ${formatCount(summary.count)} matching`}
              triggerClassName={buttonClass("primary")}
              disabled={summary.count === 0 || running}
              title={`Approve all ${formatCount(summary.count)} matching rewards?`}
              description={`Every reward matching the current filter (${formatMoney(summary.amountCents, currency)} in total), sent in chunks of ${CHUNK} so you can follow the progress.`}
              confirmLabel="Approve all"
              reason={overrideReason}
              onConfirm={approveAll}
            />
          </div>
        </div>
      ) : null}
      {progress ? (
        <BulkProgressPanel
          progress={progress}
          onClose={() => {
            setProgress(null);
            setResults(new Map());
            router.refresh();
          }}
        />
      ) : null}
      <Notice outcome={single.outcome ?? cancel.outcome} />
      {rows.length === 0 ? (
        empty
      ) : (
        <Table caption="Rewards awaiting approval, oldest first" head={head}>
          {rows.map((r) => {
            const res = result(r.id);
            return (
              <tr key={r.id} className={selected.has(r.id) ? "bg-brand-50" : undefined}>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Select reward of ${r.partnerName}, ${formatMoney(r.amountCents, r.currency)}`}
                    checked={selected.has(r.id)}
                    disabled={running}
                    onChange={() => toggle(r.id)}
                  />
                </Td>
                <Td className="whitespace-nowrap">
                  <DateTime value={r.createdAt} mode="date" />
                </Td>
                <Td>
                  <Link href={`/admin/partners/${r.partnerId}`} className="font-medium text-brand-700 hover:underline">
                    {r.partnerName}
                  </Link>
                  {r.partnerCompany ? <span className="block text-xs text-slate-500">{r.partnerCompany}</span> : null}
                </Td>
                <Td>
                  {r.referralId ? (
                    <Link
                      href={`/admin/referrals/${r.referralId}`}
                      className="font-mono text-xs text-brand-700 hover:underline"
                    >
                      {r.referralCode ?? r.referralId.slice(0, 8)}
                    </Link>
                  ) : (
                    <span className="text-xs text-slate-500">{r.type.toLowerCase()}</span>
                  )}
                </Td>
                <Td align="right">{formatMoney(r.amountCents, r.currency)}</Td>
                <Td className="max-w-xs text-xs" data-testid="reward-explanation">
                  {r.explanation ?? "—"}
                </Td>
                <Td className="whitespace-nowrap">
                  {r.held ? (
                    <span className="font-medium text-amber-800">
                      <DateTime value={r.holdUntil} mode="date" />
                    </span>
                  ) : r.holdUntil ? (
                    <span className="text-slate-500">
                      <DateTime value={r.holdUntil} mode="date" /> (passed)
                    </span>
                  ) : (
                    "—"
                  )}
                  {r.holdReason ? <span className="block text-xs text-slate-600">{r.holdReason}</span> : null}
                </Td>
                <Td data-testid="row-result">
                  {res ? (
                    res.result === "approved" ? (
                      <span className="font-medium text-emerald-700">Approved</span>
                    ) : (
                      <span className="font-medium text-amber-800">
                        Skipped{res.reason ? `: ${res.reason.replace(/_/g, " ")}` : ""}
                      </span>
                    )
                  ) : null}
                </Td>
                <Td>
                  <div className="flex gap-1">
                    <ConfirmDialog
                      trigger={r.held ? "Approve early" : "Approve"}
                      disabled={running || res?.result === "approved"}
                      title={r.held ? "Approve before the hold ends?" : "Approve this reward?"}
                      description={`${r.partnerName}: ${formatMoney(r.amountCents, r.currency)}.${r.held ? ` The hold runs until ${formatInstant(r.holdUntil, "date", zone)}.` : ""}`}
                      confirmLabel="Approve"
                      reason={r.held ? { label: "Reason for overriding the hold", required: true } : undefined}
                      onConfirm={async (reason) => {
                        clearMessages("single");
                        return !!(await single.run({ id: r.id, ...(r.held ? { override: true, reason } : {}) }))?.ok;
                      }}
                    />
                    <ConfirmDialog
                      trigger="Cancel"
                      disabled={running || res?.result === "approved"}
                      title="Cancel this reward?"
                      description={`${r.partnerName}: ${formatMoney(r.amountCents, r.currency)}. The partner sees the reason.`}
                      confirmLabel="Cancel reward"
                      tone="danger"
                      reason={{ label: "Reason", required: true }}
                      onConfirm={async (reason) => {
                        clearMessages("single");
                        return !!(await cancel.run({ id: r.id, reason }))?.ok;
                      }}
                    />
                  </div>
                </Td>
              </tr>
            );
          })}
        </Table>
      )}
    </div>
  );
}
