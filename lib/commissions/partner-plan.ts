import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { describeRule, tierProgress } from "./summary";
import { partnerMetrics, planAt } from "./resolve";
import { describeRate, money } from "./words";
import type { PlanBonus, PlanDocument } from "./types";

const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));

export interface Goal {
  id: string;
  name: string;
  kind: PlanBonus["kind"];
  target: number;
  progress: number;
  flatCents: number;
  reached: boolean;
  description: string;
}

/** The milestones a partner can earn badges for. */
export const BADGES = [
  { id: "first-referral", name: "First referral" },
  { id: "first-conversion", name: "First conversion" },
  { id: "10-conversions", name: "10 conversions" },
  { id: "100-conversions", name: "100 conversions" },
] as const;

interface Counts {
  referrals: number;
  conversions: number;
  month_conversions: number;
  month_value: number;
  tiers: string[] | null;
}

async function counts(db: DbOrTx, partnerId: string, now: Date): Promise<Counts> {
  const month = monthStart(now).toISOString();
  const [r] = rowsOf<Record<keyof Counts, unknown>>(
    await db.execute(sql`
      select
        (select count(*) from referrals where partner_id = ${partnerId}::uuid) as referrals,
        (select count(*) from rewards where partner_id = ${partnerId}::uuid and type = 'CONVERSION' and status <> 'CANCELLED') as conversions,
        (select count(*) from rewards where partner_id = ${partnerId}::uuid and type = 'CONVERSION' and status <> 'CANCELLED'
           and created_at >= ${month}::timestamptz) as month_conversions,
        (select coalesce(sum(base_cents), 0) from rewards where partner_id = ${partnerId}::uuid and type = 'CONVERSION'
           and status <> 'CANCELLED' and created_at >= ${month}::timestamptz) as month_value,
        (select array_agg(distinct data->>'toName') from events where entity_type = 'partner'
           and entity_id = ${partnerId} and action = 'partner.tier_changed') as tiers`),
  );
  return {
    referrals: Number(r.referrals),
    conversions: Number(r.conversions),
    month_conversions: Number(r.month_conversions),
    month_value: Number(r.month_value),
    tiers: (r.tiers as string[] | null)?.filter(Boolean) ?? null,
  };
}

function goals(doc: PlanDocument, c: Counts): Goal[] {
  return (doc.bonuses ?? []).map((b) => {
    const [target, progress, unit] =
      b.kind === "FIRST_CONVERSION"
        ? [1, Math.min(1, c.conversions), "first conversion"]
        : b.kind === "MONTHLY_CONVERSIONS"
          ? [b.target!, c.month_conversions, `${b.target} conversions this month`]
          : [b.target!, c.month_value, `${money(b.target!, doc.currency)} of conversions this month`];
    return {
      id: b.id,
      name: b.name,
      kind: b.kind,
      target,
      progress,
      flatCents: b.flatCents,
      reached: progress >= target,
      description: `${money(b.flatCents, doc.currency)} for your ${unit}`,
    };
  });
}

/** GET /partners/me/plan and /portal/plan: the partner's plan in plain words, tier, goals and badges. */
export async function partnerPlan(db: DbOrTx, partnerId: string, now = new Date()) {
  const found = await planAt(db, partnerId, null, now);
  if (!found) return null;
  const { plan, overrideBps } = found;
  const c = await counts(db, partnerId, now);
  const badges = [
    ...BADGES.filter(
      (b) =>
        (b.id === "first-referral" && c.referrals >= 1) ||
        (b.id === "first-conversion" && c.conversions >= 1) ||
        (b.id === "10-conversions" && c.conversions >= 10) ||
        (b.id === "100-conversions" && c.conversions >= 100),
    ).map((b) => ({ ...b })),
    ...(c.tiers ?? []).map((name) => ({ id: `tier-${name}`, name: `${name} tier reached` })),
  ];
  if (!plan) return { plan: null, overrideBps, rules: [], tier: null, goals: [], badges, monthlyCapCents: null };
  const doc = plan.document;
  const metrics = doc.tiers?.length ? await partnerMetrics(db, partnerId, doc, now) : null;
  return {
    plan: { id: plan.planId, name: doc.name, version: plan.version, currency: doc.currency },
    overrideBps,
    overrideDescription:
      overrideBps === null ? null : `Your own rate of ${describeRate(overrideBps)} replaces the plan's percentages.`,
    rules: doc.rules.map((r) => ({
      id: r.id,
      name: r.name ?? null,
      event: r.event,
      description: describeRule(r, doc.currency),
    })),
    monthlyCapCents: doc.monthlyCapCents ?? null,
    tier: metrics?.trailing ? tierProgress(doc, metrics.trailing) : null,
    goals: goals(doc, c),
    badges,
  };
}
export type PartnerPlan = NonNullable<Awaited<ReturnType<typeof partnerPlan>>>;
