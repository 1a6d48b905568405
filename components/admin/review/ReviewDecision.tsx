"use client";
import { decideReviewAction } from "@/app/(admin)/admin/review/actions";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";

const DONE = {
  CLEAR: "Cleared: its rewards are back in the approval flow.",
  CONFIRM_FRAUD: "Fraud confirmed: the referral is rejected and its rewards cancelled or clawed back.",
  ESCALATE: "Escalated: the partner is suspended and every open reward of theirs is held.",
} as const;

/** The three decisions on one queue entry; each asks for a reason (recorded in the audit log). */
export function ReviewDecision({ id, subject, label }: { id: string; subject: "referral" | "partner"; label: string }) {
  const act = useAction(decideReviewAction, { success: (d) => DONE[d.decision] });
  const run = async (decision: keyof typeof DONE, reason: string) => !!(await act.run({ id, decision, reason }))?.ok;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2" role="group" aria-label={`Decide on ${label}`}>
        <ConfirmDialog
          trigger="Clear"
          triggerClassName={buttonClass("secondary", "sm")}
          title={`Clear ${label}?`}
          description="The open signals close and held rewards go back to the normal approval flow."
          confirmLabel="Clear"
          reason={{ label: "Reason", required: true, placeholder: "e.g. verified by phone" }}
          onConfirm={(reason) => run("CLEAR", reason)}
        />
        {subject === "referral" ? (
          <ConfirmDialog
            trigger="Confirm fraud"
            triggerClassName={buttonClass("danger", "sm")}
            title={`Confirm fraud on ${label}?`}
            description="The referral is rejected (FRAUD); its rewards are cancelled, or clawed back if paid."
            confirmLabel="Confirm fraud"
            tone="danger"
            reason={{ label: "Reason", required: true, placeholder: "e.g. click farm" }}
            onConfirm={(reason) => run("CONFIRM_FRAUD", reason)}
          />
        ) : null}
        <ConfirmDialog
          trigger="Escalate to partner review"
          triggerClassName={buttonClass("secondary", "sm")}
          title="Escalate to a partner review?"
          description="The partner is suspended with this reason and every open reward of theirs is held."
          confirmLabel="Escalate"
          tone="danger"
          reason={{ label: "Reason", required: true }}
          onConfirm={(reason) => run("ESCALATE", reason)}
        />
      </div>
      <Notice outcome={act.outcome} />
    </div>
  );
}
