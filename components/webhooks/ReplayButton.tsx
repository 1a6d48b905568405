"use client";
import { replayDeliveryAction } from "@/app/(admin)/admin/webhooks/actions";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";

/** Queues the same message (same webhook-id) again for its endpoint. */
export function ReplayButton({ id }: { id: string }) {
  const { run, pending, outcome } = useAction(replayDeliveryAction, { success: "Queued" });
  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        disabled={pending}
        className={buttonClass("secondary", "sm")}
        onClick={() => void run({ id })}
      >
        {pending ? "Queuing…" : "Replay"}
      </button>
      <Notice outcome={outcome} />
    </div>
  );
}
