"use client";
import { approveApplication, declineApplication } from "@/app/(admin)/admin/partners/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { useAnnounceDecision } from "./ApplicationDecisions";

/** Approve (→ ACTIVE) or decline (→ TERMINATED with a reason) a partner sign-up. */
export function ApplicationActions({ partnerId, name }: { partnerId: string; name: string }) {
  const announce = useAnnounceDecision();
  const approve = useAction(approveApplication);
  const decline = useAction(declineApplication);
  // Successes are announced above the list (this row leaves it); errors stay here, next to the buttons.
  const decide = async (run: () => Promise<{ ok: boolean } | null>, success: string) => {
    approve.setOutcome(null);
    decline.setOutcome(null);
    const res = await run();
    if (res?.ok) announce({ kind: "success", message: success });
    return !!res?.ok;
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex gap-2">
        <ConfirmDialog
          trigger="Approve"
          triggerClassName={buttonClass("secondary", "sm")}
          title={`Approve ${name}?`}
          description="The partner becomes active: their code starts to validate and earn referrals."
          confirmLabel="Approve"
          onConfirm={() =>
            decide(
              () => approve.run({ id: partnerId }),
              `${name} approved: the partner is active and their code now earns referrals.`,
            )
          }
        />
        <ConfirmDialog
          trigger="Decline"
          triggerClassName={buttonClass("secondary", "sm")}
          title={`Decline ${name}?`}
          description="The application is closed (status Terminated). The partner cannot sign in to earn referrals."
          confirmLabel="Decline"
          tone="danger"
          reason={{ label: "Reason", required: true, placeholder: "e.g. not a licensed agent" }}
          onConfirm={(reason) =>
            decide(() => decline.run({ id: partnerId, reason }), `${name} declined: the application is closed.`)
          }
        />
      </div>
      <Notice outcome={[approve.outcome, decline.outcome].find((o) => o?.kind === "error") ?? null} />
    </div>
  );
}
