"use client";
import { replayDeliveryAction } from "@/app/(admin)/admin/webhooks/actions";
import { secondaryButton } from "./ui";
import { ResultMessage, useAdminAction } from "./useAdminAction";

/** Queues the same message (same webhook-id) again for its endpoint. */
export function ReplayButton({ id }: { id: string }) {
  const { run, pending, result } = useAdminAction(() => replayDeliveryAction(id));
  return (
    <div className="flex flex-col gap-1">
      <button type="button" disabled={pending} className={secondaryButton} onClick={() => run(undefined)}>
        {pending ? "Queuing…" : "Replay"}
      </button>
      <ResultMessage result={result} success="Queued" />
    </div>
  );
}
