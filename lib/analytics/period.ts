import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Days are UTC calendar days, `YYYY-MM-DD`, both ends inclusive. */
export type Interval = "day" | "week" | "month";
export const INTERVALS = ["day", "week", "month"] as const;

export interface Period {
  from: string;
  to: string;
}

export interface AnalyticsQuery {
  from?: string | Date;
  to?: string | Date;
  /** Scope every figure to one partner (partner dashboards, partner-scoped /statistics). */
  partnerId?: string;
}

export const DEFAULT_PERIOD_DAYS = 30;
/** Longest period accepted: two years of daily buckets. */
export const MAX_PERIOD_DAYS = 732;
const DAY_MS = 86_400_000;

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const parseDay = (s: string): number => Date.parse(`${s}T00:00:00Z`);
export const shiftDay = (day: string, n: number): string => isoDay(new Date(parseDay(day) + n * DAY_MS));
/** The instant a UTC day starts, as an ISO timestamp (independent of the session's TimeZone). */
export const utcMidnight = (day: string): string => `${day}T00:00:00Z`;
/** Days in a period, both ends counted (a one-day period has 1). */
export const daysInPeriod = (from: string, to: string): number =>
  Math.round((parseDay(to) - parseDay(from)) / DAY_MS) + 1;

const invalid = (path: string, message: string): AppError =>
  new AppError("validation", `${path} ${message}`, { errors: [{ path, message }] });

const dayInput = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}/, "must be an ISO date (YYYY-MM-DD)")]);

function toDay(value: string | Date, field: string): string {
  const parsed = dayInput.safeParse(value);
  const ms = parsed.success
    ? typeof parsed.data === "string"
      ? Date.parse(parsed.data.length === 10 ? `${parsed.data}T00:00:00Z` : parsed.data)
      : parsed.data.getTime()
    : NaN;
  if (!Number.isFinite(ms)) throw invalid(field, "must be an ISO date (YYYY-MM-DD)");
  return isoDay(new Date(ms));
}

/**
 * The period asked for: `to` defaults to today (UTC), `from` to 29 days before `to`.
 * Refuses from > to and periods longer than MAX_PERIOD_DAYS (validation errors naming the field).
 */
export function resolvePeriod(q: AnalyticsQuery, now: Date = new Date()): Period {
  const to = q.to !== undefined ? toDay(q.to, "to") : isoDay(now);
  const from = q.from !== undefined ? toDay(q.from, "from") : shiftDay(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw invalid("from", "must not be after to");
  if (daysInPeriod(from, to) > MAX_PERIOD_DAYS)
    throw invalid("from", `the period may span at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/** The period of the same length just before `p`, for comparisons. */
export function previousPeriod(p: Period): Period {
  const n = daysInPeriod(p.from, p.to);
  return { from: shiftDay(p.from, -n), to: shiftDay(p.from, -1) };
}

export function parseInterval(value: string | undefined): Interval {
  if (value === undefined || value === "") return "day";
  const v = value.toLowerCase();
  if ((INTERVALS as readonly string[]).includes(v)) return v as Interval;
  throw invalid("interval", "must be one of day, week, month");
}
