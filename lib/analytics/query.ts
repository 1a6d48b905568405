import { AppError } from "@/lib/errors";
import { parseInterval, type Interval } from "./period";
import { TOP_METRICS, type TopMetric } from "./top-partners";

/**
 * Query strings of the /statistics and /partners/top endpoints (CONTRACT: from, to (ISO dates),
 * interval=day|week|month, metric, limit), strict: unknown parameters are refused, naming them.
 * Dates are checked by resolvePeriod when the figures are computed.
 */
export interface StatisticsParams {
  from?: string;
  to?: string;
  interval?: Interval;
}

export interface TopPartnersParams extends Omit<StatisticsParams, "interval"> {
  metric?: TopMetric;
  limit?: number;
  minReferrals?: number;
}

const invalid = (path: string, message: string): AppError => new AppError("validation", `${path} ${message}`, { errors: [{ path, message }] });

function only(params: URLSearchParams, allowed: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of params) {
    if (!allowed.includes(key)) throw invalid(key, "is not a known parameter");
    if (key in out) throw invalid(key, "is given more than once");
    out[key] = value.trim() === "" ? undefined : value.trim();
  }
  return out;
}

function positiveInt(value: string | undefined, path: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw invalid(path, `must be an integer from 1 to ${max}`);
  return n;
}

export function parseStatisticsParams(params: URLSearchParams): StatisticsParams {
  const p = only(params, ["from", "to", "interval"]);
  return { from: p.from, to: p.to, interval: p.interval === undefined ? undefined : parseInterval(p.interval) };
}

export function parseTopPartnersParams(params: URLSearchParams): TopPartnersParams {
  const p = only(params, ["from", "to", "metric", "limit", "minReferrals"]);
  let metric: TopMetric | undefined;
  if (p.metric !== undefined) {
    metric = TOP_METRICS.find((m) => m.toLowerCase() === p.metric!.toLowerCase());
    if (!metric) throw invalid("metric", `must be one of ${TOP_METRICS.join(", ")}`);
  }
  return { from: p.from, to: p.to, metric, limit: positiveInt(p.limit, "limit", 100), minReferrals: positiveInt(p.minReferrals, "minReferrals", 1_000_000) };
}
