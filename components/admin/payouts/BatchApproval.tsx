"use client";
import { approveBatchAction } from "@/app/(admin)/admin/payouts/actions";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { formatCount } from "@/components/ui";

/** A batch the job drafted on the payout day: nothing goes to the bank until an admin approves it here. */
export function BatchApproval({
  batchId,
  payoutDay,
  payoutCount,
}: {
  batchId: string;
  payoutDay: string;
  payoutCount: number;
}) {
  const { run, pending, outcome } = useAction(approveBatchAction, {
    success: (d) =>
      `Batch approved: ${formatCount(d.payoutCount)} ${d.payoutCount === 1 ? "payout" : "payouts"} can be paid.`,
  });
  return (
    <div
      role="region"
      aria-label="Draft batch approval"
      className="flex flex-wrap items-center gap-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
    >
      <span>
        Drafted automatically for the payout day {payoutDay}: {formatCount(payoutCount)}{" "}
        {payoutCount === 1 ? "payout" : "payouts"}. Review them, then approve before any bank file is made.
      </span>
      <button
        type="button"
        className={buttonClass("primary", "sm")}
        disabled={pending}
        onClick={() => void run({ batchId })}
      >
        {pending ? "Approving…" : "Approve batch"}
      </button>
      <Notice outcome={outcome} />
    </div>
  );
}
