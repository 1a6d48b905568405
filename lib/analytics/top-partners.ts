import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners } from "@/db/schema";
import type { PartnerStatus } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { resolvePeriod, type AnalyticsQuery, type Period } from "./period";
import { CONVERTED, EARNED, rateBps, readRollups } from "./source";

export const TOP_METRICS = ["conversions", "earnings", "referrals", "conversionRate"] as const;
export type TopMetric = (typeof TOP_METRICS)[number];

export interface TopPartner {
  rank: number;
  partnerId: string;
  displayName: string;
  companyName: string | null;
  status: PartnerStatus;
  referrals: number;
  conversions: number;
  conversionRateBps: number;
  conversionValueCents: number;
  /** Earned reward amounts (CALCULATED, APPROVED, PAID) of rewards created in the period. */
  earningsCents: number;
}

export interface TopPartners {
  period: Period;
  metric: TopMetric;
  currency: string;
  partners: TopPartner[];
}

export interface TopPartnersQuery extends Omit<AnalyticsQuery, "partnerId"> {
  metric?: TopMetric;
  /** 1–100, default 10. */
  limit?: number;
  /** For metric=conversionRate: ignore partners with fewer referrals in the period (default 1). */
  minReferrals?: number;
}

type Stats = Omit<TopPartner, "rank" | "displayName" | "companyName" | "status">;

const VALUE: Record<TopMetric, (s: Stats) => number> = {
  conversions: (s) => s.conversions,
  earnings: (s) => s.earningsCents,
  referrals: (s) => s.referrals,
  conversionRate: (s) => s.conversionRateBps,
};

/** Partners ranked by a metric over the period; ties go to more conversions, then more referrals. */
export async function topPartners(db: DbOrTx, q: TopPartnersQuery = {}): Promise<TopPartners> {
  const period = resolvePeriod(q);
  const metric = q.metric ?? "conversions";
  if (!TOP_METRICS.includes(metric)) throw new AppError("validation", "metric is invalid", { errors: [{ path: "metric", message: `must be one of ${TOP_METRICS.join(", ")}` }] });
  const limit = q.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new AppError("validation", "limit is invalid", { errors: [{ path: "limit", message: "must be an integer from 1 to 100" }] });
  const rows = await readRollups(db, { metrics: ["referrals", "rewards"], period, byPartner: true });
  const stats = new Map<string, Stats>();
  for (const r of rows) {
    const s = stats.get(r.partnerId!) ?? { partnerId: r.partnerId!, referrals: 0, conversions: 0, conversionRateBps: 0, conversionValueCents: 0, earningsCents: 0 };
    stats.set(r.partnerId!, s);
    if (r.metric === "referrals") {
      s.referrals += r.count;
      if (CONVERTED.has(r.status)) {
        s.conversions += r.count;
        s.conversionValueCents += r.amountCents;
      }
    } else if (EARNED.has(r.status)) s.earningsCents += r.amountCents;
  }
  const minReferrals = metric === "conversionRate" ? (q.minReferrals ?? 1) : 0;
  const value = VALUE[metric];
  const ranked = [...stats.values()]
    .map((s) => ({ ...s, conversionRateBps: rateBps(s.conversions, s.referrals) }))
    .filter((s) => s.referrals >= minReferrals && value(s) > 0)
    .sort((a, b) => value(b) - value(a) || b.conversions - a.conversions || b.referrals - a.referrals || a.partnerId.localeCompare(b.partnerId))
    .slice(0, limit);
  const names = ranked.length
    ? await db
        .select({ id: partners.id, firstName: partners.firstName, lastName: partners.lastName, companyName: partners.companyName, status: partners.status })
        .from(partners)
        .where(
          inArray(
            partners.id,
            ranked.map((s) => s.partnerId),
          ),
        )
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  return {
    period,
    metric,
    currency: "USD",
    partners: ranked.map((s, i) => {
      const p = byId.get(s.partnerId);
      return {
        rank: i + 1,
        ...s,
        displayName: p ? `${p.firstName} ${p.lastName}` : "(unknown)",
        companyName: p?.companyName ?? null,
        status: p?.status ?? "INACTIVE",
      };
    }),
  };
}
