"use client";
import { useState } from "react";
import { setLicencesAction } from "@/app/(admin)/admin/partners/actions";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";

type Line = "LIFE_HEALTH" | "PROPERTY_CASUALTY";
export interface LicenceRow {
  state: string;
  number: string;
  lines: Line[];
  expiresOn: string;
  verified: boolean;
  evidenceNote: string;
}

const LINES: [Line, string][] = [
  ["LIFE_HEALTH", "Life and health"],
  ["PROPERTY_CASUALTY", "Property and casualty"],
];
const blank = (): LicenceRow => ({
  state: "",
  number: "",
  lines: [],
  expiresOn: "",
  verified: false,
  evidenceNote: "",
});

/**
 * The partner's licences, edited as one list and saved together (the list replaces what is on file).
 * Ticking "Verified" records the admin, the time and the evidence note (docs/compliance.md#licences).
 */
export function LicenceEditor({ partnerId, initial }: { partnerId: string; initial: LicenceRow[] }) {
  const [rows, setRows] = useState<LicenceRow[]>(initial);
  const { run, pending, outcome } = useAction(setLicencesAction, { success: "Licences saved." });
  const edit = (i: number, patch: Partial<LicenceRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      aria-label="Licences"
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        await run({
          partnerId,
          licences: rows.map((r) => ({
            state: r.state,
            number: r.number,
            lines: r.lines,
            expiresOn: r.expiresOn || null,
            verified: r.verified,
            evidenceNote: r.evidenceNote,
          })),
        });
      }}
    >
      {rows.length === 0 ? <p className="text-sm text-slate-600">No licences on file: unlicensed everywhere.</p> : null}
      {rows.map((r, i) => {
        const n = i + 1;
        return (
          <fieldset key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
            <legend className="px-1 text-sm font-medium">Licence {n}</legend>
            <Field label={`Licence ${n} state`} id={`lic-${i}-state`} hint="Two letters, e.g. NY">
              {(p) => (
                <input {...p} value={r.state} maxLength={2} onChange={(e) => edit(i, { state: e.target.value })} />
              )}
            </Field>
            <Field label={`Licence ${n} number`} id={`lic-${i}-number`} optional>
              {(p) => <input {...p} value={r.number} onChange={(e) => edit(i, { number: e.target.value })} />}
            </Field>
            <Field label={`Licence ${n} expires on`} id={`lic-${i}-expires`} hint="The last day it is valid">
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={r.expiresOn}
                  onChange={(e) => edit(i, { expiresOn: e.target.value })}
                />
              )}
            </Field>
            <div className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Lines of authority</span>
              {LINES.map(([line, label]) => (
                <label key={line} className="inline-flex items-center gap-2">
                  <input
                    type="checkbox"
                    aria-label={`Licence ${n} ${label}`}
                    checked={r.lines.includes(line)}
                    onChange={(e) =>
                      edit(i, { lines: e.target.checked ? [...r.lines, line] : r.lines.filter((l) => l !== line) })
                    }
                  />
                  {label}
                </label>
              ))}
            </div>
            <Field label={`Licence ${n} evidence note`} id={`lic-${i}-note`} optional>
              {(p) => (
                <input {...p} value={r.evidenceNote} onChange={(e) => edit(i, { evidenceNote: e.target.value })} />
              )}
            </Field>
            <div className="flex flex-col justify-end gap-2 text-sm">
              <label className="inline-flex items-center gap-2">
                <input
                  type="checkbox"
                  aria-label={`Licence ${n} verified`}
                  checked={r.verified}
                  onChange={(e) => edit(i, { verified: e.target.checked })}
                />
                Verified (I checked it)
              </label>
              <button
                type="button"
                className={buttonClass("secondary")}
                onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
              >
                Remove licence {n}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass("secondary")} onClick={() => setRows((rs) => [...rs, blank()])}>
          Add a licence
        </button>
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          Save licences
        </button>
      </div>
      <Notice outcome={outcome} />
    </form>
  );
}
