"use client";
import { useState } from "react";
import { importFxRatesAction, saveFxRateAction } from "@/app/(admin)/admin/payouts/rates/actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import { formatCount } from "@/components/ui";
import { currencyOptions } from "@/lib/fx/currencies";

/** One rate by hand: the day, the pair and the rate as exact decimal text (1 base = rate quote). */
export function FxRateForm({ today }: { today: string }) {
  const [v, setV] = useState({ date: today, base: "USD", quote: "EUR", rate: "" });
  const { run, pending, outcome } = useAction(saveFxRateAction, {
    success: (d) => `Saved the ${d.base}→${d.quote} rate for ${d.date}.`,
  });
  const err = (k: string) => fieldError(outcome, k);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <form
      noValidate
      aria-label="Enter an exchange rate"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run(v);
      }}
    >
      <Input label="Day" name="date" type="date" value={v.date} onChange={set("date")} error={err("date")} />
      <Select
        label="1 unit of"
        name="base"
        value={v.base}
        onChange={set("base")}
        options={currencyOptions()}
        error={err("base")}
      />
      <Select
        label="Is worth, in"
        name="quote"
        value={v.quote}
        onChange={set("quote")}
        options={currencyOptions()}
        error={err("quote")}
      />
      <Input
        label="Rate"
        name="rate"
        inputMode="decimal"
        placeholder="0.9523"
        value={v.rate}
        onChange={set("rate")}
        error={err("rate")}
        hint="Exact, up to 10 decimals"
      />
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Save rate"}
      </Button>
      <Notice outcome={outcome} />
    </form>
  );
}

/** The ECB's euro reference rates (eurofxref.csv or eurofxref-hist.csv), uploaded as they come. */
export function FxImportForm() {
  const [csv, setCsv] = useState("");
  const { run, pending, outcome } = useAction(importFxRatesAction, {
    success: (d) =>
      `Imported ${formatCount(d.imported)} rates over ${formatCount(d.days)} days${d.skipped ? `; ${formatCount(d.skipped)} cells skipped` : ""}.`,
  });
  return (
    <form
      noValidate
      aria-label="Import ECB reference rates"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ csv });
      }}
    >
      <Field
        label="ECB reference rates (CSV)"
        id="fx-file"
        hint="The ECB's daily or history file: Date, USD, JPY, … (units per 1 EUR)."
        error={fieldError(outcome, "csv")}
        className="max-w-lg"
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => setCsv((await e.target.files?.[0]?.text()) ?? "")}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Importing…" : "Import rates"}
      </Button>
      <Notice outcome={outcome} />
    </form>
  );
}
