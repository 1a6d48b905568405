import { inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners } from "@/db/schema";
import type { PartnerStatus } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { conversionSummary, fxContext, type CurrencyConversion, type FxContext } from "./fx";
import { resolvePeriod, type AnalyticsQuery, type Period } from "./period";
import { rankPartners, rateBps } from "./source";

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
  /** Partners with at least one referral created in the period. */
  referringPartners: number;
  partners: TopPartner[];
  /** How amounts in other currencies were converted to `currency`, and which rates were missing. */
  conversion: CurrencyConversion;
}

export interface TopPartnersQuery extends Omit<AnalyticsQuery, "partnerId"> {
  metric?: TopMetric;
  /** 1–100, default 10. */
  limit?: number;
  /** For metric=conversionRate: ignore partners with fewer referrals in the period (default 1). */
  minReferrals?: number;
}

/** Ranking expressions over the per-partner sums; the rate matches rateBps (rounded basis points). */
const ORDER: Record<TopMetric, SQL> = {
  conversions: sql`conversions`,
  earnings: sql`earnings`,
  referrals: sql`referrals`,
  conversionRate: sql`round(conversions * 10000.0 / nullif(referrals, 0))`,
};

const invalid = (path: string, message: string): AppError =>
  new AppError("validation", `${path} ${message}`, { errors: [{ path, message }] });

/**
 * Partners ranked by a metric over the period; ties go to more conversions, then more referrals. Amounts
 * in the program currency (`fx`: the caller's conversion context, when it reports for a whole page).
 */
export async function topPartners(db: DbOrTx, q: TopPartnersQuery = {}, fx?: FxContext): Promise<TopPartners> {
  const period = resolvePeriod(q);
  const metric = q.metric ?? "conversions";
  if (!TOP_METRICS.includes(metric)) throw invalid("metric", `must be one of ${TOP_METRICS.join(", ")}`);
  const limit = q.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid("limit", "must be an integer from 1 to 100");
  const minReferrals = metric === "conversionRate" ? (q.minReferrals ?? 1) : 0;
  const ctx = fx ?? (await fxContext(db));
  const { partners: ranked, referringPartners } = await rankPartners(
    db,
    period,
    ORDER[metric],
    limit,
    minReferrals,
    ctx,
  );
  const names = ranked.length
    ? await db
        .select({
          id: partners.id,
          firstName: partners.firstName,
          lastName: partners.lastName,
          companyName: partners.companyName,
          status: partners.status,
        })
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
    currency: ctx.currency,
    referringPartners,
    partners: ranked.map((s, i) => {
      const p = byId.get(s.partnerId);
      return {
        rank: i + 1,
        ...s,
        conversionRateBps: rateBps(s.conversions, s.referrals),
        displayName: p ? `${p.firstName} ${p.lastName}` : "(unknown)",
        companyName: p?.companyName ?? null,
        status: p?.status ?? "INACTIVE",
      };
    }),
    conversion: conversionSummary(ctx),
  };
}
