import type { DbOrTx } from "@/db";
import { REFERRAL_SOURCES, type ReferralSource } from "@/db/schema/enums";
import { resolvePeriod, type AnalyticsQuery, type Period } from "./period";
import { ACCEPTED_OR_LATER, CONVERTED, rateBps, readRollups, total, type RollupRow } from "./source";

export interface FunnelStep {
  step: "clicks" | "referrals" | "accepted" | "converted" | "paid";
  count: number;
  /** This step ÷ the step before, basis points (null for the first step). */
  fromPreviousBps: number | null;
}

export interface SourceShare {
  source: ReferralSource;
  referrals: number;
  conversions: number;
  conversionRateBps: number;
  /** This source's referrals ÷ all referrals, basis points. */
  shareBps: number;
}

export interface Breakdown {
  period: Period;
  funnel: FunnelStep[];
  sources: SourceShare[];
}

/**
 * Valid clicks → referrals created in the period → of those, reached ACCEPTED (now ACCEPTED,
 * CONVERTED or PAID) → converted (CONVERTED or PAID) → PAID.
 */
export function funnelSteps(rows: readonly RollupRow[]): FunnelStep[] {
  const refs = rows.filter((r) => r.metric === "referrals");
  const counts: [FunnelStep["step"], number][] = [
    ["clicks", total(rows, (r) => r.metric === "clicks" && r.kind === "valid").count],
    ["referrals", total(refs, () => true).count],
    ["accepted", total(refs, (r) => ACCEPTED_OR_LATER.has(r.status)).count],
    ["converted", total(refs, (r) => CONVERTED.has(r.status)).count],
    ["paid", total(refs, (r) => r.status === "PAID").count],
  ];
  return counts.map(([step, count], i) => ({
    step,
    count,
    fromPreviousBps: i === 0 ? null : rateBps(count, counts[i - 1][1]),
  }));
}

/** Referrals created in the period by source, every source listed. */
export function sourceShares(rows: readonly RollupRow[]): SourceShare[] {
  const refs = rows.filter((r) => r.metric === "referrals");
  const all = total(refs, () => true).count;
  return REFERRAL_SOURCES.map((source) => {
    const referrals = total(refs, (r) => r.kind === source).count;
    const conversions = total(refs, (r) => r.kind === source && CONVERTED.has(r.status)).count;
    return {
      source,
      referrals,
      conversions,
      conversionRateBps: rateBps(conversions, referrals),
      shareBps: rateBps(referrals, all),
    };
  });
}

/** The funnel and the source distribution of the period. */
export async function funnelAndSources(db: DbOrTx, q: AnalyticsQuery = {}): Promise<Breakdown> {
  const period = resolvePeriod(q);
  const rows = await readRollups(db, { metrics: ["clicks", "referrals"], period, partnerId: q.partnerId });
  return { period, funnel: funnelSteps(rows), sources: sourceShares(rows) };
}
