"use client";
import { useState } from "react";
import { savePolicyWindows } from "@/app/(admin)/admin/settings/actions";
import { INSURANCE_TYPES } from "@/db/schema/enums";
import type { PolicyWindow } from "@/lib/compliance/policy-windows";
import { enumLabel } from "@/lib/enum-label";
import { Button, buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { fieldError, useAction } from "@/components/ui/use-action";

interface Row {
  key: number;
  line: string;
  state: string;
  freeLookDays: string;
  chargebackMonths: string;
}

const toRow = (w: PolicyWindow, key: number): Row => ({
  key,
  line: w.line,
  state: w.state ?? "",
  freeLookDays: String(w.freeLookDays),
  chargebackMonths: String(w.chargebackMonths),
});

/**
 * The free-look and chargeback table (docs/compliance.md#policy-windows): one row per line, optionally per
 * state; the shipped rows are examples for the program's compliance staff to review.
 */
export function PolicyWindowsForm({ initial }: { initial: PolicyWindow[] }) {
  const [rows, setRows] = useState<Row[]>(() => initial.map(toRow));
  const [next, setNext] = useState(initial.length);
  const { run, pending, outcome } = useAction(savePolicyWindows, {
    success: (d) => (d.changed.length ? "Saved the policy windows." : "Nothing changed."),
  });
  const set = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const err = (i: number, k: string) => fieldError(outcome, `policyWindows.${i}.${k}`);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void run({ rows: rows.map(({ key: _k, ...r }) => r) });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Policy windows"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <h2 className="text-base font-semibold">Free-look and chargeback windows</h2>
      <p className="text-sm text-slate-600">
        A conversion reward is held until the longer of the program hold and the free-look window of the lead&apos;s
        line and state. A cancellation inside the free-look window takes the whole reward back; one inside the
        chargeback window takes back the unearned share. A row without a state applies to every state without its own
        row. <strong>The shipped rows are examples: review them with your compliance staff.</strong>
      </p>
      <Table caption="Policy windows">
        <THead>
          <Th>Line</Th>
          <Th>State</Th>
          <Th>Free-look (days)</Th>
          <Th>Chargeback (months)</Th>
          <Th>
            <span className="sr-only">Remove</span>
          </Th>
        </THead>
        <TBody>
          {rows.map((r, i) => {
            const label = `row ${i + 1}`;
            const cell = (k: "state" | "freeLookDays" | "chargebackMonths", title: string, extra = "") => {
              const e = err(i, k);
              return (
                <Td>
                  <input
                    aria-label={`${title}, ${label}`}
                    aria-invalid={e ? true : undefined}
                    value={r[k]}
                    onChange={(ev) => set(r.key, { [k]: ev.target.value })}
                    inputMode={k === "state" ? undefined : "numeric"}
                    maxLength={k === "state" ? 2 : 4}
                    placeholder={k === "state" ? "Any" : undefined}
                    className={`${controlClass(!!e)} w-24 ${extra}`}
                  />
                  {e ? <p className="text-xs font-medium text-red-700">{e}</p> : null}
                </Td>
              );
            };
            return (
              <Tr key={r.key}>
                <Td>
                  <select
                    aria-label={`Line, ${label}`}
                    value={r.line}
                    onChange={(ev) => set(r.key, { line: ev.target.value })}
                    className={`${controlClass(!!err(i, "line"))} w-36`}
                  >
                    {INSURANCE_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {enumLabel(t)}
                      </option>
                    ))}
                  </select>
                </Td>
                {cell("state", "State", "uppercase")}
                {cell("freeLookDays", "Free-look days")}
                {cell("chargebackMonths", "Chargeback months")}
                <Td>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  >
                    Remove<span className="sr-only"> {label}</span>
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setRows((rs) => [...rs, { key: next, line: "LIFE", state: "", freeLookDays: "0", chargebackMonths: "0" }]);
            setNext((n) => n + 1);
          }}
        >
          Add row
        </Button>
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Saving…" : "Save windows"}
        </button>
        <Notice outcome={outcome} />
      </div>
    </form>
  );
}
