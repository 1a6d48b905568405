import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { systemActor } from "@/lib/audit/actor";
import { programHold } from "@/lib/rewards/hold";
import { insertReward } from "@/lib/rewards/core";
import { getSettings } from "@/lib/settings";
import { planAt } from "./resolve";
import { money } from "./words";
import type { BonusAward, Calculation, PlanBonus, PlanVersionRef } from "./types";

const actor = systemActor("award-bonuses");
const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
const periodOf = (d: Date) => d.toISOString().slice(0, 7);
const monthName = (d: Date) => d.toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** The unique key of a bonus: once per partner and period (docs/commissions.md#bonuses). */
export const bonusKey = (partnerId: string, planId: string, b: PlanBonus, period: string) =>
  b.kind === "FIRST_CONVERSION"
    ? `bonus:${partnerId}:first-conversion`
    : `bonus:${partnerId}:${planId}:${b.id}:${period}`;

/** A bonus's calculation and one-line explanation (pure). */
export function bonusCalculation(
  plan: PlanVersionRef,
  b: PlanBonus,
  award: BonusAward,
  monthLabel: string,
): Calculation {
  const cur = plan.document.currency;
  const what =
    b.kind === "FIRST_CONVERSION"
      ? "first conversion"
      : b.kind === "MONTHLY_CONVERSIONS"
        ? `${award.progress} conversions in ${monthLabel} (goal ${award.target})`
        : `${money(award.progress, cur)} of conversions in ${monthLabel} (goal ${money(award.target, cur)})`;
  return {
    planId: plan.planId,
    planVersionId: plan.versionId,
    planVersion: plan.version,
    planName: plan.document.name,
    event: "BONUS",
    ruleId: b.id,
    tier: null,
    baseCents: b.kind === "MONTHLY_VALUE" ? award.progress : null,
    rateBps: null,
    rateSource: null,
    multiplierBps: null,
    flatCents: b.flatCents,
    grossCents: b.flatCents,
    capApplied: null,
    capCents: null,
    amountCents: b.flatCents,
    currency: cur,
    matched: true,
    reason: null,
    explanation: `Bonus "${b.name}": ${what} = ${money(b.flatCents, cur)}`,
    bonus: award,
  };
}

interface Stats {
  prev_n: number;
  prev_v: number;
  cur_n: number;
  cur_v: number;
  first_at: Date | string | null;
}

/** The partner's non-cancelled conversions last and this month, and their first conversion ever. */
async function stats(db: Db, partnerId: string, prev: Date, cur: Date, now: Date): Promise<Stats> {
  const [r] = rowsOf<Record<keyof Stats, unknown>>(
    await db.execute(sql`
      select
        count(*) filter (where created_at < ${cur.toISOString()}::timestamptz) as prev_n,
        coalesce(sum(base_cents) filter (where created_at < ${cur.toISOString()}::timestamptz), 0) as prev_v,
        count(*) filter (where created_at >= ${cur.toISOString()}::timestamptz) as cur_n,
        coalesce(sum(base_cents) filter (where created_at >= ${cur.toISOString()}::timestamptz), 0) as cur_v,
        (select min(created_at) from rewards where partner_id = ${partnerId}::uuid and type = 'CONVERSION'
           and status <> 'CANCELLED' and created_at <= ${now.toISOString()}::timestamptz) as first_at
      from rewards
      where partner_id = ${partnerId}::uuid and type = 'CONVERSION' and status <> 'CANCELLED'
        and created_at >= ${prev.toISOString()}::timestamptz and created_at <= ${now.toISOString()}::timestamptz`),
  );
  return {
    prev_n: Number(r.prev_n),
    prev_v: Number(r.prev_v),
    cur_n: Number(r.cur_n),
    cur_v: Number(r.cur_v),
    first_at: (r.first_at as Date | string | null) ?? null,
  };
}

/**
 * The bonus job: every ACTIVE partner with a conversion since the start of last month gets each bonus of
 * their plan whose goal they reached, as a BONUS reward at most once per partner and period. The unique
 * key (`rewards_unique_key`) decides: the INSERT … ON CONFLICT DO NOTHING that gets a row back writes the
 * audit event and the `reward.calculated` webhook in the same transaction, so runs at once award it once.
 */
export async function awardBonuses(db: Db, now: Date): Promise<{ partners: number; awarded: number; skipped: number }> {
  const cur = monthStart(now.getUTCFullYear(), now.getUTCMonth());
  const prev = monthStart(now.getUTCFullYear(), now.getUTCMonth() - 1);
  const candidates = rowsOf<{ id: string; currency: string }>(
    await db.execute(sql`
      select distinct p.id, p.currency from rewards r join partners p on p.id = r.partner_id
      where r.type = 'CONVERSION' and r.status <> 'CANCELLED' and p.status = 'ACTIVE'
        and r.created_at >= ${prev.toISOString()}::timestamptz and r.created_at <= ${now.toISOString()}::timestamptz`),
  );
  const { holdDays } = await getSettings(db);
  let awarded = 0;
  let skipped = 0;
  for (const p of candidates) {
    const s = await stats(db, p.id, prev, cur, now);
    const firstAt = s.first_at ? new Date(s.first_at) : null;
    // Each period is judged by the plan version in force in it: last month's at its end, this month's now.
    const periods = [
      { start: prev, at: new Date(cur.getTime() - 1), n: s.prev_n, v: s.prev_v },
      { start: cur, at: now, n: s.cur_n, v: s.cur_v },
    ];
    const due: { plan: PlanVersionRef; bonus: PlanBonus; award: BonusAward; label: string }[] = [];
    for (const period of periods) {
      const plan = (await planAt(db, p.id, null, period.at))?.plan;
      for (const b of plan?.document.bonuses ?? []) {
        if (b.kind === "FIRST_CONVERSION") continue;
        const progress = b.kind === "MONTHLY_CONVERSIONS" ? period.n : period.v;
        if (progress < b.target!) continue;
        const award = {
          id: b.id,
          name: b.name,
          kind: b.kind,
          period: periodOf(period.start),
          target: b.target!,
          progress,
        };
        due.push({ plan: plan!, bonus: b, award, label: monthName(period.start) });
      }
    }
    if (firstAt && firstAt >= prev) {
      const plan = (await planAt(db, p.id, null, firstAt))?.plan;
      const b = plan?.document.bonuses?.find((x) => x.kind === "FIRST_CONVERSION");
      if (plan && b)
        due.push({
          plan,
          bonus: b,
          award: { id: b.id, name: b.name, kind: b.kind, period: "once", target: 1, progress: 1 },
          label: "",
        });
    }
    for (const d of due) {
      if (d.plan.document.currency !== p.currency) {
        skipped++;
        continue;
      }
      if (await awardOne(db, p.id, d.plan, d.bonus, d.award, d.label, now, holdDays)) awarded++;
    }
  }
  return { partners: candidates.length, awarded, skipped };
}

async function awardOne(
  db: Db,
  partnerId: string,
  plan: PlanVersionRef,
  b: PlanBonus,
  award: BonusAward,
  label: string,
  now: Date,
  holdDays: number,
): Promise<boolean> {
  const calc = bonusCalculation(plan, b, award, label);
  return db.transaction(async (tx) => {
    const reward = await insertReward(
      tx,
      actor,
      now,
      {
        partnerId,
        type: "BONUS",
        amountCents: b.flatCents,
        currency: plan.document.currency,
        status: "CALCULATED",
        ...programHold(now, holdDays),
        reason: calc.explanation,
        calculatedAt: now,
        createdBy: actor.id,
        planVersionId: plan.versionId,
        calculation: calc,
        uniqueKey: bonusKey(partnerId, plan.planId, b, award.period),
      },
      { type: "BONUS", bonusId: b.id, period: award.period, amountCents: b.flatCents, explanation: calc.explanation },
      { webhook: { extra: { bonus: award } }, skipDuplicateKey: true },
    );
    return reward !== null;
  });
}
