import { enumLabel } from "@/lib/enum-label";
/**
 * Formatting at the edge: integer cents → localised money, dates in UTC (server and browser render
 * the same text, so hydration never disagrees).
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number | null | undefined, currency = "USD"): string {
  if (cents === null || cents === undefined) return "—";
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency });
    moneyFormats.set(currency, f);
  }
  // Cents are integers; dividing by 100 is exact for display of any amount below 2^53 cents.
  return f.format(cents / 100);
}

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const numberFmt = new Intl.NumberFormat("en-US");
const percentFmt = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

export const formatDate = (d: Date | string | null | undefined) => (d ? dateFmt.format(new Date(d)) : "—");
export const formatDateTime = (d: Date | string | null | undefined) =>
  d ? `${dateTimeFmt.format(new Date(d))} UTC` : "—";
export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? "—" : numberFmt.format(n);
export const formatPercent = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? "—" : percentFmt.format(ratio);
export const formatBps = (bps: number | null | undefined) =>
  bps === null || bps === undefined ? "—" : `${numberFmt.format(bps / 100)} %`;

/** ISO date (YYYY-MM-DD) of a Date in UTC, for date inputs. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export const humanize = (s: string | null | undefined) => (s ? enumLabel(s) : "—");
