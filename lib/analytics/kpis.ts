import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { conversionSummary, fxContext, type CurrencyConversion } from "./fx";
import { previousPeriod, resolvePeriod, type AnalyticsQuery, type Period } from "./period";
import {
  ACCEPTED_OR_LATER,
  CONVERTED,
  countReferringPartners,
  rateBps,
  readRollups,
  total,
  type RollupRow,
} from "./source";

export interface KpiFigures {
  /** Partners with at least one referral created in the period. */
  referringPartners: number;
  /** Valid clicks on referral links. */
  clicks: number;
  /** Referrals created in the period. */
  referrals: number;
  /** Of those, referrals now ACCEPTED, CONVERTED or PAID. */
  accepted: number;
  /** Of those, referrals now CONVERTED or PAID. */
  conversions: number;
  /** conversions ÷ referrals, basis points. */
  conversionRateBps: number;
  /** Sum of the conversion values of those conversions. */
  conversionValueCents: number;
  /** Rewards created in the period by current status (CLAWBACKs count negative). */
  rewardsPendingCount: number;
  /** PENDING (no amount yet) and CALCULATED rewards. */
  rewardsPendingCents: number;
  rewardsApprovedCount: number;
  rewardsApprovedCents: number;
  rewardsPaidCount: number;
  rewardsPaidCents: number;
  /** Payouts paid in the period (by paid day). */
  payoutsPaidCount: number;
  payoutsPaidCents: number;
}

export interface ProgramKpis {
  period: Period;
  previousPeriod: Period;
  /** The program currency (settings.defaultCurrency): every amount is in it, converted when it was not. */
  currency: string;
  /** Partners whose status is ACTIVE now (not period-bound). */
  activePartners: number;
  current: KpiFigures;
  previous: KpiFigures;
  /** How amounts in other currencies were converted to `currency`, and which rates were missing. */
  conversion: CurrencyConversion;
}

export function kpiFigures(rows: readonly RollupRow[], referringPartners: number): KpiFigures {
  const refs = rows.filter((r) => r.metric === "referrals");
  const rw = rows.filter((r) => r.metric === "rewards");
  const referrals = total(refs, () => true).count;
  const converted = total(refs, (r) => CONVERTED.has(r.status));
  const pending = total(rw, (r) => r.status === "PENDING" || r.status === "CALCULATED");
  const approved = total(rw, (r) => r.status === "APPROVED");
  const paid = total(rw, (r) => r.status === "PAID");
  const payouts = total(rows, (r) => r.metric === "payouts" && r.status === "PAID");
  return {
    referringPartners,
    clicks: total(rows, (r) => r.metric === "clicks" && r.kind === "valid").count,
    referrals,
    accepted: total(refs, (r) => ACCEPTED_OR_LATER.has(r.status)).count,
    conversions: converted.count,
    conversionRateBps: rateBps(converted.count, referrals),
    conversionValueCents: converted.amountCents,
    rewardsPendingCount: pending.count,
    rewardsPendingCents: pending.amountCents,
    rewardsApprovedCount: approved.count,
    rewardsApprovedCents: approved.amountCents,
    rewardsPaidCount: paid.count,
    rewardsPaidCents: paid.amountCents,
    payoutsPaidCount: payouts.count,
    payoutsPaidCents: payouts.amountCents,
  };
}

/** Partners with a referral created in the period (one partner's scope: 0 or 1). */
export async function referringPartners(db: DbOrTx, period: Period, partnerId?: string): Promise<number> {
  if (partnerId) {
    const rows = await readRollups(db, { metrics: ["referrals"], period, partnerId });
    return total(rows, () => true).count > 0 ? 1 : 0;
  }
  return countReferringPartners(db, period);
}

export async function activePartners(db: DbOrTx, partnerId?: string): Promise<number> {
  const where = partnerId ? sql`and id = ${partnerId}::uuid` : sql``;
  const [r] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from partners where status = 'ACTIVE' ${where}`),
  );
  return Number(r?.n ?? 0);
}

/** KPIs for the period and the period of the same length just before it. */
export async function programKpis(db: DbOrTx, q: AnalyticsQuery = {}): Promise<ProgramKpis> {
  const period = resolvePeriod(q);
  const prev = previousPeriod(period);
  const metrics = ["clicks", "referrals", "rewards", "payouts"] as const;
  const fx = await fxContext(db);
  const [cur, before, active, refCur, refPrev] = await Promise.all([
    readRollups(db, { metrics, period, partnerId: q.partnerId, fx }),
    readRollups(db, { metrics, period: prev, partnerId: q.partnerId, fx }),
    activePartners(db, q.partnerId),
    referringPartners(db, period, q.partnerId),
    referringPartners(db, prev, q.partnerId),
  ]);
  return {
    period,
    previousPeriod: prev,
    currency: fx.currency,
    activePartners: active,
    current: kpiFigures(cur, refCur),
    previous: kpiFigures(before, refPrev),
    conversion: conversionSummary(fx),
  };
}
