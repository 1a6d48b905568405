"use client";
import { regenerateCode } from "@/app/(admin)/admin/partners/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";

/** A new current code; the old one stays as an alias so links already shared keep working. */
export function RegenerateCode({ partnerId, code }: { partnerId: string; code: string | null }) {
  const { run, outcome } = useAction(regenerateCode, {
    success: (d) => `New code ${d.code}. ${code ?? "The old code"} still works as an alias.`,
  });
  return (
    <div className="flex flex-col gap-2">
      <ConfirmDialog
        trigger="Regenerate code"
        triggerClassName={buttonClass("secondary")}
        title="Regenerate the referral code?"
        description={`A new code replaces ${code ?? "the current code"} on the partner's links and materials. The old code keeps attributing to this partner.`}
        confirmLabel="Regenerate"
        onConfirm={async () => !!(await run({ id: partnerId }))?.ok}
      />
      <Notice outcome={outcome} />
    </div>
  );
}
