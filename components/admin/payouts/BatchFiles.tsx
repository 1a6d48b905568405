import { buttonClass } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { BANK_FILE_FORMATS, BANK_FILE_LABEL, type BankFileFormat } from "@/lib/payouts/schemas";

/**
 * The batch's bank and payment files: a download per rail that pays at least one of its pending payouts
 * (the file comes from GET /api/v1/payouts/batches/{batchId}/file, audited there).
 */
export function BatchFiles({ batchId, counts }: { batchId: string; counts: Partial<Record<BankFileFormat, number>> }) {
  const offered = BANK_FILE_FORMATS.filter((f) => (counts[f] ?? 0) > 0);
  if (offered.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Bank files">
      <span className="text-sm font-medium text-slate-700">Bank files for the pending payouts:</span>
      {offered.map((f) => (
        <a
          key={f}
          className={buttonClass("secondary", "sm")}
          href={`/api/v1/payouts/batches/${batchId}/file?format=${f}`}
          download
        >
          Download {BANK_FILE_LABEL[f]} ({formatCount(counts[f]!)})
        </a>
      ))}
    </div>
  );
}
