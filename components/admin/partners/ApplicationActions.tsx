"use client";
import { approveApplication, declineApplication } from "@/app/(admin)/admin/partners/actions";
import { ConfirmDialog } from "../ConfirmDialog";
import { buttonClass } from "../fields";
import { Notice } from "../Notice";
import { useAction } from "../useAction";

/** Approve (→ ACTIVE) or decline (→ TERMINATED with a reason) a partner sign-up. */
export function ApplicationActions({ partnerId, name }: { partnerId: string; name: string }) {
  const approve = useAction(approveApplication, { success: `${name} approved.` });
  const decline = useAction(declineApplication, { success: `${name} declined.` });
  return (
    <div className="flex flex-col gap-2">
      <div className="flex gap-2">
        <ConfirmDialog
          trigger="Approve"
          triggerClassName={buttonClass.small}
          title={`Approve ${name}?`}
          description="The partner becomes active: their code starts to validate and earn referrals."
          confirmLabel="Approve"
          onConfirm={async () => (decline.setOutcome(null), !!(await approve.run({ id: partnerId }))?.ok)}
        />
        <ConfirmDialog
          trigger="Decline"
          triggerClassName={buttonClass.small}
          title={`Decline ${name}?`}
          description="The application is closed (status Terminated). The partner cannot sign in to earn referrals."
          confirmLabel="Decline"
          tone="danger"
          reason={{ label: "Reason", required: true, placeholder: "e.g. not a licensed agent" }}
          onConfirm={async (reason) => (approve.setOutcome(null), !!(await decline.run({ id: partnerId, reason }))?.ok)}
        />
      </div>
      <Notice outcome={approve.outcome ?? decline.outcome} />
    </div>
  );
}
