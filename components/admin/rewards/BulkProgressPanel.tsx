"use client";
import { formatCount } from "@/components/ui";
import type { BulkProgress } from "./chunks";

const REASONS: Record<string, string> = {
  held: "hold period not over",
  not_found: "not found",
  invalid_state: "no longer calculated",
};

/** Live progress of a bulk approval, then its summary with every skipped reward and why. */
export function BulkProgressPanel({ progress, onClose }: { progress: BulkProgress; onClose: () => void }) {
  const { total, done, approved, skipped, running, error } = progress;
  return (
    <section aria-labelledby="bulk-h" className="rounded-lg border border-brand-100 bg-brand-50 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="bulk-h" className="font-semibold text-brand-900">
          {running ? "Approving rewards…" : "Bulk approval finished"}
        </h2>
        {!running ? (
          <button type="button" onClick={onClose} className="text-sm font-medium text-brand-700 hover:underline">
            Dismiss
          </button>
        ) : null}
      </div>
      <progress className="mt-2 h-2 w-full" max={Math.max(total, 1)} value={done} aria-label="Bulk approval progress" />
      <p role="status" aria-live="polite" data-testid="bulk-summary" className="mt-2 text-sm text-brand-900">
        {formatCount(done)} of {formatCount(total)} processed: {formatCount(approved)} approved, {formatCount(skipped)}{" "}
        skipped.
      </p>
      {error ? <p className="mt-1 text-sm font-medium text-rose-700">{error}</p> : null}
      {progress.skippedRows.length ? (
        <details className="mt-2 text-sm" open={!running && progress.skippedRows.length <= 10}>
          <summary className="cursor-pointer font-medium">Skipped rewards and why</summary>
          <ul className="mt-1 list-disc pl-5 font-mono text-xs">
            {progress.skippedRows.map((r) => (
              <li key={r.id}>
                {r.id.slice(0, 8)}… — {r.reason ? (REASONS[r.reason] ?? r.reason) : "skipped"}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
