"use client";
import { useState } from "react";
import { saveLicenceRulesAction } from "@/app/(admin)/admin/settings/actions";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { centsToText } from "@/lib/form-values";
import type { LicenceStateRule } from "@/db/schema/settings";

interface Row {
  state: string;
  enforced: boolean;
  unlicensedFeesAllowed: boolean;
  maxFeePerReferral: string;
  annualCapPerPerson: string;
  nonCashRequired: boolean;
  note: string;
}
const text = (c: number | null) => (c === null ? "" : centsToText(c));
const toRow = (r: LicenceStateRule): Row => ({
  state: r.state,
  enforced: r.enforced,
  unlicensedFeesAllowed: r.unlicensedFeesAllowed,
  maxFeePerReferral: text(r.maxFeePerReferralCents),
  annualCapPerPerson: text(r.annualCapPerPersonCents),
  nonCashRequired: r.nonCashRequired,
  note: r.note,
});

/**
 * The per-state rules for partners unlicensed for a lead's state and line, and the program's flat referral
 * fee. The shipped rows are examples, every one switched off (docs/compliance.md#state-rules).
 */
export function LicenceRulesForm({ feeCents, rules }: { feeCents: number | null; rules: LicenceStateRule[] }) {
  const [fee, setFee] = useState(text(feeCents));
  const [rows, setRows] = useState<Row[]>(rules.map(toRow));
  const { run, pending, outcome } = useAction(saveLicenceRulesAction, { success: "State rules saved." });
  const edit = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const check = (i: number, key: "enforced" | "unlicensedFeesAllowed" | "nonCashRequired", label: string) => (
    <input
      type="checkbox"
      aria-label={`${rows[i].state || `Row ${i + 1}`} ${label}`}
      checked={rows[i][key]}
      onChange={(e) => edit(i, { [key]: e.target.checked })}
    />
  );
  const input = (i: number, key: "state" | "maxFeePerReferral" | "annualCapPerPerson" | "note", label: string) => (
    <input
      aria-label={`${rows[i].state || `Row ${i + 1}`} ${label}`}
      className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
      value={rows[i][key]}
      onChange={(e) => edit(i, { [key]: e.target.value })}
    />
  );
  return (
    <form
      aria-label="Unlicensed partner rules"
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        await run({ unlicensedReferralFee: fee, rules: rows });
      }}
    >
      <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        EXAMPLE table: the shipped rows illustrate state rules and are not legal advice. Your compliance staff must
        review them before switching a state on. A lead with no state, or in a state that is not switched on, is paid as
        today (conversion rewards allowed); a <span className="font-mono">DEFAULT</span> row, when switched on, covers
        those.
      </p>
      <Field
        label="Unlicensed referral fee"
        id="unlicensed-fee"
        optional
        hint="Flat amount per qualified lead when the partner's plan sets none, e.g. 25.00. Empty: none."
      >
        {(p) => <input {...p} value={fee} onChange={(e) => setFee(e.target.value)} />}
      </Field>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">State rules for unlicensed partners</caption>
          <thead>
            <tr className="text-left text-slate-600">
              {[
                "State",
                "Switched on",
                "Fees allowed",
                "Max per referral",
                "Annual cap per person",
                "Non-cash",
                "Note",
                "Remove",
              ].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((_, i) => (
              <tr key={i} className="border-t border-slate-200">
                <td className="w-20 px-2 py-1">{input(i, "state", "state")}</td>
                <td className="px-2 py-1">{check(i, "enforced", "switched on")}</td>
                <td className="px-2 py-1">{check(i, "unlicensedFeesAllowed", "fees allowed")}</td>
                <td className="w-28 px-2 py-1">{input(i, "maxFeePerReferral", "max fee per referral")}</td>
                <td className="w-28 px-2 py-1">{input(i, "annualCapPerPerson", "annual cap per person")}</td>
                <td className="px-2 py-1">{check(i, "nonCashRequired", "non-cash required")}</td>
                <td className="min-w-64 px-2 py-1">{input(i, "note", "note")}</td>
                <td className="px-2 py-1">
                  <button
                    type="button"
                    className={buttonClass("ghost", "sm")}
                    onClick={() => setRows((rs) => rs.filter((__, j) => j !== i))}
                  >
                    Remove {rows[i].state || `row ${i + 1}`}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() =>
            setRows((rs) => [
              ...rs,
              {
                state: "",
                enforced: false,
                unlicensedFeesAllowed: true,
                maxFeePerReferral: "",
                annualCapPerPerson: "",
                nonCashRequired: false,
                note: "",
              },
            ])
          }
        >
          Add a state
        </button>
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          Save state rules
        </button>
      </div>
      <Notice outcome={outcome} />
    </form>
  );
}
