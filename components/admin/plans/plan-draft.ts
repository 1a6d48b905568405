import { INSURANCE_TYPES, type InsuranceType } from "@/db/schema/enums";
import { centsFromText } from "@/lib/form-values";
import type { PlanDocument, PlanEvent } from "@/lib/commissions/types";

/** The editor's rows as typed: text, converted to a plan body only when previewed or saved. */
export interface RuleRow {
  id?: string;
  name: string;
  event: PlanEvent;
  types: InsuranceType[];
  states: string;
  rate: string;
  flat: string;
  cap: string;
  /** RENEWAL rules: the last policy year paid, empty = every renewal. */
  maxYear: string;
}
export interface PlanDraft {
  name: string;
  currency: string;
  rules: RuleRow[];
  monthlyCap: string;
  /** `{ tierBasis?, tiers?, bonuses? }` as JSON text. */
  extras: string;
}

export const TYPES = INSURANCE_TYPES;
export const emptyRule = (): RuleRow => ({
  name: "",
  event: "CONVERSION",
  types: [],
  states: "",
  rate: "",
  flat: "",
  cap: "",
  maxYear: "",
});

const money = (s: string) => (s.trim() === "" ? undefined : centsFromText(s));
const cents = (n: number | undefined) => (n === undefined ? "" : (n / 100).toFixed(2));
const pct = (bps: number | undefined) => (bps === undefined ? "" : String(bps / 100));

/** Draft → the API's plan body (rates in % → bp and amounts in major units → cents, exactly). */
export function draftToBody(d: PlanDraft): Record<string, unknown> {
  let extras: Record<string, unknown> = {};
  try {
    extras = d.extras.trim() ? (JSON.parse(d.extras) as Record<string, unknown>) : {};
  } catch {
    extras = { extras: "not JSON" };
  }
  return {
    name: d.name,
    currency: d.currency,
    rules: d.rules.map((r) => {
      const states = r.states.split(/[,\s]+/).filter(Boolean);
      return Object.fromEntries(
        Object.entries({
          id: r.id,
          name: r.name.trim() || undefined,
          event: r.event,
          insuranceTypes: r.types.length ? r.types : undefined,
          states: states.length ? states : undefined,
          rateBps: money(r.rate),
          flatCents: money(r.flat),
          capCents: money(r.cap),
          maxPolicyYear: r.event === "RENEWAL" && r.maxYear.trim() ? Number(r.maxYear.trim()) : undefined,
        }).filter(([, v]) => v !== undefined),
      );
    }),
    ...(d.monthlyCap.trim() ? { monthlyCapCents: money(d.monthlyCap) } : {}),
    ...extras,
  };
}

export function documentToDraft(doc?: PlanDocument): PlanDraft {
  if (!doc)
    return {
      name: "",
      currency: "USD",
      rules: [{ ...emptyRule(), name: "Everything else", rate: "10" }],
      monthlyCap: "",
      extras: "",
    };
  const extras = Object.fromEntries(
    Object.entries({ tierBasis: doc.tierBasis, tiers: doc.tiers, bonuses: doc.bonuses }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return {
    name: doc.name,
    currency: doc.currency,
    rules: doc.rules.map((r) => ({
      id: r.id,
      name: r.name ?? "",
      event: r.event,
      types: r.insuranceTypes ?? [],
      states: (r.states ?? []).join(", "),
      rate: pct(r.rateBps),
      flat: cents(r.flatCents),
      cap: cents(r.capCents),
      maxYear: r.maxPolicyYear === undefined ? "" : String(r.maxPolicyYear),
    })),
    monthlyCap: doc.monthlyCapCents == null ? "" : cents(doc.monthlyCapCents),
    extras: Object.keys(extras).length ? JSON.stringify(extras, null, 2) : "",
  };
}
