import { formatBps, formatCount, formatMoney } from "@/components/ui/format";

/**
 * How chart values read. Props cross the server → client boundary, so formats are names, not
 * functions: `money` takes integer cents, `bps` basis points.
 */
export type ValueFormat = "number" | "money" | "bps";

export function formatValue(v: unknown, format: ValueFormat = "number", currency = "USD"): string {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) return String(v ?? "");
  if (format === "money") return formatMoney(Math.round(n), currency);
  if (format === "bps") return formatBps(n);
  return formatCount(n);
}

/** Axis ticks stay short: $12k, 1.2k. */
export function formatTick(v: unknown, format: ValueFormat = "number", currency = "USD"): string {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) return "";
  if (format === "bps") return formatBps(n);
  const value = format === "money" ? n / 100 : n;
  return new Intl.NumberFormat("en-US", {
    notation: "compact",
    maximumFractionDigits: 1,
    ...(format === "money" ? { style: "currency", currency } : {}),
  }).format(value);
}

/** Short date label for `YYYY-MM-DD` buckets (UTC). */
export function formatBucket(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? day
    : new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(d);
}

/** Colour-blind-safe palette (Okabe–Ito, darkened for contrast on white). */
export const PALETTE = ["#1d5fd6", "#d55e00", "#009e73", "#cc79a7", "#b8860b", "#56b4e9", "#6b7280"];

/**
 * The value axis: from zero when every value is zero or more (so the axis never shows negative
 * amounts nobody has), from the lowest value otherwise (a clawback day); stacked series add up.
 */
export function valueDomain(
  data: Record<string, string | number>[],
  series: { key: string }[],
  stacked = false,
): [number | "dataMin", "auto"] {
  const values = data.flatMap((d) => {
    const v = series.map((s) => Number(d[s.key] ?? 0)).filter(Number.isFinite);
    return stacked ? [v.filter((n) => n < 0).reduce((a, b) => a + b, 0)] : v;
  });
  return values.some((n) => n < 0) ? ["dataMin", "auto"] : [0, "auto"];
}
