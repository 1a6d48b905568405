import type { Outcome } from "./use-action";

/** The result of an action, announced politely (success) or assertively (error). */
export function Notice({ outcome, className }: { outcome: Outcome; className?: string }) {
  if (!outcome) return <div aria-live="polite" className="sr-only" />;
  const error = outcome.kind === "error";
  return (
    <div
      role={error ? "alert" : "status"}
      data-testid={error ? "action-error" : "action-success"}
      className={`rounded-md px-3 py-2 text-sm ${error ? "border border-rose-200 bg-rose-50 text-rose-800" : "border border-emerald-200 bg-emerald-50 text-emerald-800"} ${className ?? ""}`}
    >
      {outcome.message}
    </div>
  );
}
