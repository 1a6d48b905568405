"use client";
import { useState } from "react";
import { applyConfirmationAction, previewConfirmationAction } from "@/app/(admin)/admin/payouts/actions";
import type { ConfirmationOutcome, ConfirmationReport } from "@/lib/payouts/confirmation";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Table, Td } from "@/components/ui/table";
import { fieldError, useAction } from "@/components/ui/use-action";
import { formatCount, formatMoney } from "@/components/ui";

const PREVIEW_WORDS: Record<ConfirmationOutcome, string> = {
  paid: "Will be marked paid",
  failed: "Will be marked failed",
  unchanged: "No change",
  error: "Not applied",
};
const APPLIED_WORDS: Record<ConfirmationOutcome, string> = {
  paid: "Marked paid",
  failed: "Marked failed",
  unchanged: "No change",
  error: "Not applied",
};
const TONE: Record<ConfirmationOutcome, string> = {
  paid: "text-emerald-800",
  failed: "text-amber-800",
  unchanged: "text-slate-700",
  error: "text-rose-800",
};

const summary = (c: ConfirmationReport["counts"]) =>
  `${formatCount(c.paid)} paid, ${formatCount(c.failed)} failed, ${formatCount(c.unchanged)} unchanged, ${formatCount(c.error)} not applied`;

/**
 * The bank's confirmation file (payout_id, status, transaction_id, failure_reason): preview what each row
 * would do, then apply it. Applying the same file again changes nothing.
 */
export function ConfirmationUpload() {
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<{ applied: boolean; report: ConfirmationReport } | null>(null);
  const preview = useAction(previewConfirmationAction, {
    success: "Preview ready: nothing is recorded yet.",
    refresh: false,
  });
  const apply = useAction(applyConfirmationAction, { success: (r) => `Applied: ${summary(r.counts)}.` });
  const outcome = apply.outcome ?? preview.outcome;
  const err = fieldError(preview.outcome, "csv") ?? fieldError(apply.outcome, "csv");
  const toApply = report && !report.applied ? report.report.counts.paid + report.report.counts.failed : 0;
  return (
    <form
      noValidate
      aria-label="Upload the bank's confirmation"
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        apply.setOutcome(null);
        const res = await preview.run({ csv });
        setReport(res?.ok ? { applied: false, report: res.data } : null);
      }}
    >
      <Field
        label="Confirmation file (CSV)"
        id="conf-file"
        hint="Columns payout_id, status (PAID or FAILED), transaction_id for paid rows, failure_reason for failed ones."
        error={err}
        className="max-w-lg"
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              setReport(null);
              preview.setOutcome(null);
              apply.setOutcome(null);
              setCsv((await e.target.files?.[0]?.text()) ?? "");
            }}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("secondary")} disabled={preview.pending || csv === ""}>
          {preview.pending ? "Reading…" : "Preview"}
        </button>
        {report && !report.applied ? (
          <button
            type="button"
            className={buttonClass("primary")}
            disabled={apply.pending || toApply === 0}
            onClick={async () => {
              preview.setOutcome(null);
              const res = await apply.run({ csv });
              if (res?.ok) setReport({ applied: true, report: res.data });
            }}
          >
            {apply.pending ? "Applying…" : `Apply ${formatCount(toApply)} ${toApply === 1 ? "row" : "rows"}`}
          </button>
        ) : null}
        <Notice outcome={outcome} />
      </div>
      {report?.report.problem ? (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {report.report.problem}
        </p>
      ) : null}
      {report && report.report.rows.length > 0 ? (
        <Table
          caption={report.applied ? "Result per row" : "Preview per row"}
          head={["Line", "Payout", "Amount", "Result", "Details"]}
        >
          {report.report.rows.map((r) => (
            <tr key={r.line} data-testid="confirmation-row">
              <Td align="right">{r.line}</Td>
              <Td>
                {r.partnerName ?? "—"}
                {r.payoutId ? <span className="block font-mono text-xs break-all">{r.payoutId}</span> : null}
              </Td>
              <Td align="right">{r.amountCents === null ? "—" : formatMoney(r.amountCents, r.currency ?? "USD")}</Td>
              <Td className={`font-medium ${TONE[r.outcome]}`}>
                {(report.applied ? APPLIED_WORDS : PREVIEW_WORDS)[r.outcome]}
              </Td>
              <Td>{r.message}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
    </form>
  );
}
