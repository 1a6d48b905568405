"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { savePlanAction } from "@/app/(admin)/admin/plans/actions";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { controlClass, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { calculate } from "@/lib/commissions/calculate";
import { toDocument } from "@/lib/commissions/document";
import { planInputSchema } from "@/lib/commissions/schemas";
import type { PlanDocument } from "@/lib/commissions/types";
import { INSURANCE_TYPE_LABEL } from "@/lib/commissions/words";
import { centsFromText } from "@/lib/form-values";
import { documentToDraft, draftToBody, emptyRule, TYPES, type PlanDraft, type RuleRow } from "./plan-draft";

/** Rules, tiers and bonuses of a plan, with a calculator that prices the draft as it is typed. */
export function PlanEditor({ planId, document }: { planId?: string; document?: PlanDocument }) {
  const router = useRouter();
  const [draft, setDraft] = useState<PlanDraft>(() => documentToDraft(document));
  const { run, pending, outcome } = useAction(savePlanAction, {
    success: (d) => `Saved as version ${d.version}.`,
  });
  const set = (patch: Partial<PlanDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setRule = (i: number, patch: Partial<RuleRow>) =>
    setDraft((d) => ({ ...d, rules: d.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const err = (path: string) => outcome?.fieldErrors?.[path];
  const errors = Object.entries(outcome?.fieldErrors ?? {});

  return (
    <form
      aria-label={planId ? "Edit plan" : "New plan"}
      noValidate
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await run({ id: planId, plan: draftToBody(draft) });
        if (res?.ok && !planId) router.push(`/admin/plans/${res.data.id}`);
      }}
    >
      <Card title="Plan">
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Plan name" id="plan-name" error={err("name")}>
            {(p) => <input {...p} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          <Field label="Currency" id="plan-currency" error={err("currency")}>
            {(p) => <input {...p} value={draft.currency} onChange={(e) => set({ currency: e.target.value })} />}
          </Field>
          <Field
            label="Monthly cap per partner"
            optional
            id="plan-cap"
            hint="e.g. 2500.00"
            error={err("monthlyCapCents")}
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={draft.monthlyCap}
                onChange={(e) => set({ monthlyCap: e.target.value })}
              />
            )}
          </Field>
        </div>
      </Card>
      <Card
        title="Rules"
        description="The rule matching the most conditions applies; ties go to the earlier rule. A rule without conditions is the default."
      >
        <ol className="flex flex-col gap-4">
          {draft.rules.map((r, i) => (
            <RuleEditor
              key={i}
              n={i + 1}
              rule={r}
              err={(k) => err(`rules.${i}.${k}`) ?? (k === "rule" ? err(`rules.${i}`) : undefined)}
              onChange={(patch) => setRule(i, patch)}
              onRemove={
                draft.rules.length > 1 ? () => set({ rules: draft.rules.filter((_, j) => j !== i) }) : undefined
              }
            />
          ))}
        </ol>
        <button
          type="button"
          className={buttonClass("secondary", "sm", "mt-3")}
          onClick={() => set({ rules: [...draft.rules, emptyRule()] })}
        >
          Add a rule
        </button>
      </Card>
      <Card
        title="Tiers and bonuses"
        description='JSON: { "tierBasis": { "metric": "CONVERSIONS", "window": 90 }, "tiers": [{ "name": "Gold", "threshold": 10, "rateBps": 1500 }], "bonuses": [{ "name": "Five a month", "kind": "MONTHLY_CONVERSIONS", "target": 5, "flatCents": 25000 }] }'
      >
        <Field
          label="Tiers and bonuses (JSON)"
          optional
          id="plan-extras"
          error={err("tierBasis") ?? err("tiers") ?? err("bonuses")}
        >
          {(p) => (
            <textarea
              {...p}
              rows={6}
              className={controlClass()}
              value={draft.extras}
              onChange={(e) => set({ extras: e.target.value })}
            />
          )}
        </Field>
      </Card>
      <Preview draft={draft} />
      {errors.length > 0 && (
        <ul aria-label="Problems" className="list-disc pl-5 text-sm text-red-700">
          {errors.map(([k, v]) => (
            <li key={k}>
              {k}: {v}
            </li>
          ))}
        </ul>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Saving…" : planId ? "Save a new version" : "Create plan"}
        </button>
        <Notice outcome={outcome} />
      </div>
    </form>
  );
}

function RuleEditor({
  n,
  rule,
  err,
  onChange,
  onRemove,
}: {
  n: number;
  rule: RuleRow;
  err: (k: string) => string | undefined;
  onChange: (patch: Partial<RuleRow>) => void;
  onRemove?: () => void;
}) {
  return (
    <li className="rounded-md border border-slate-200 p-3" aria-label={`Rule ${n}`}>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Field label={`Rule ${n} name`} optional id={`r${n}-name`} error={err("name") ?? err("rule")}>
          {(p) => <input {...p} value={rule.name} onChange={(e) => onChange({ name: e.target.value })} />}
        </Field>
        <Field label={`Rule ${n} event`} id={`r${n}-event`} error={err("event")}>
          {(p) => (
            <select {...p} value={rule.event} onChange={(e) => onChange({ event: e.target.value as RuleRow["event"] })}>
              <option value="CONVERSION">Conversion (sale)</option>
              <option value="QUALIFIED">Qualified lead</option>
              <option value="RENEWAL">Renewal (policy years 2 and later)</option>
            </select>
          )}
        </Field>
        {rule.event === "RENEWAL" && (
          <Field
            label={`Rule ${n} last policy year`}
            optional
            id={`r${n}-max-year`}
            hint="Empty = every renewal"
            error={err("maxPolicyYear")}
          >
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={rule.maxYear}
                onChange={(e) => onChange({ maxYear: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field label={`Rule ${n} states`} optional id={`r${n}-states`} hint="e.g. TX, CA" error={err("states")}>
          {(p) => <input {...p} value={rule.states} onChange={(e) => onChange({ states: e.target.value })} />}
        </Field>
        <Field label={`Rule ${n} rate (%)`} optional id={`r${n}-rate`} error={err("rateBps")}>
          {(p) => (
            <input {...p} inputMode="decimal" value={rule.rate} onChange={(e) => onChange({ rate: e.target.value })} />
          )}
        </Field>
        <Field label={`Rule ${n} flat amount`} optional id={`r${n}-flat`} hint="e.g. 150.00" error={err("flatCents")}>
          {(p) => (
            <input {...p} inputMode="decimal" value={rule.flat} onChange={(e) => onChange({ flat: e.target.value })} />
          )}
        </Field>
        <Field label={`Rule ${n} cap per reward`} optional id={`r${n}-cap`} error={err("capCents")}>
          {(p) => (
            <input {...p} inputMode="decimal" value={rule.cap} onChange={(e) => onChange({ cap: e.target.value })} />
          )}
        </Field>
      </div>
      <fieldset className="mt-3">
        <legend className="text-sm font-medium text-slate-700">Rule {n} insurance types (none = all)</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {TYPES.map((t) => (
            <label key={t} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                aria-label={`Rule ${n} ${INSURANCE_TYPE_LABEL[t]}`}
                checked={rule.types.includes(t)}
                onChange={(e) =>
                  onChange({ types: e.target.checked ? [...rule.types, t] : rule.types.filter((x) => x !== t) })
                }
              />
              {INSURANCE_TYPE_LABEL[t]}
            </label>
          ))}
        </div>
      </fieldset>
      {onRemove && (
        <button type="button" className={buttonClass("ghost", "sm", "mt-2")} onClick={onRemove}>
          Remove rule {n}
        </button>
      )}
    </li>
  );
}

/** Prices the draft in the browser with the same pure function the server uses. */
function Preview({ draft }: { draft: PlanDraft }) {
  const [type, setType] = useState<(typeof TYPES)[number]>("AUTO");
  const [state, setState] = useState("");
  const [value, setValue] = useState("1000.00");
  const text = useMemo(() => {
    const parsed = planInputSchema.safeParse(draftToBody(draft));
    if (!parsed.success)
      return `Fix the plan first: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`;
    const cents = centsFromText(value);
    if (!Number.isSafeInteger(cents)) return "Enter a value such as 1000.00";
    const doc = toDocument(parsed.data);
    return calculate({
      event: "CONVERSION",
      valueCents: cents,
      currency: doc.currency,
      insuranceType: type,
      state: state.trim().toUpperCase() || null,
      plan: { planId: "draft", versionId: "draft", version: 0, document: doc },
      overrideBps: null,
    }).explanation;
  }, [draft, type, state, value]);
  return (
    <Card title="Preview" description="What a conversion would pay under this draft (nothing is saved).">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Preview insurance type" id="pv-type">
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])}>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {INSURANCE_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Preview state" optional id="pv-state">
          {(p) => <input {...p} value={state} onChange={(e) => setState(e.target.value)} />}
        </Field>
        <Field label="Preview first-year premium" id="pv-value">
          {(p) => <input {...p} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
      </div>
      <output aria-live="polite" aria-label="Preview result" className="mt-3 block text-sm font-medium">
        {text}
      </output>
    </Card>
  );
}
