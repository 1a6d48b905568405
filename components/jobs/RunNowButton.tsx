"use client";
import { runJobNowAction } from "@/app/(admin)/admin/jobs/actions";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";

export function RunNowButton({ name }: { name: string }) {
  const { run, pending, outcome } = useAction(runJobNowAction, { success: "Due now; runs on the next tick" });
  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        disabled={pending}
        className={buttonClass("secondary", "sm")}
        onClick={() => void run({ name })}
      >
        {/* The accessible name starts with the visible text ("Run now purge-expired"). */}
        Run now<span className="sr-only"> {name}</span>
      </button>
      <Notice outcome={outcome} />
    </div>
  );
}
