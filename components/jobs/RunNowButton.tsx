"use client";
import { runJobNowAction } from "@/app/(admin)/admin/jobs/actions";
import { secondaryButton } from "@/components/webhooks/ui";
import { ResultMessage, useAdminAction } from "@/components/webhooks/useAdminAction";

export function RunNowButton({ name }: { name: string }) {
  const { run, pending, result } = useAdminAction(() => runJobNowAction(name));
  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        disabled={pending}
        className={secondaryButton}
        onClick={() => run(undefined)}
        aria-label={`Run ${name} now`}
      >
        Run now
      </button>
      <ResultMessage result={result} success="Due now; runs on the next tick" />
    </div>
  );
}
