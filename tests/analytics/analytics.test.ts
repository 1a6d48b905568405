import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import {
  adminAnalytics,
  dashboardAnalytics,
  foldRollupDeltas,
  partnerStatistics,
  referralStatistics,
  rewardStatistics,
  topPartners,
  type TopMetric,
} from "@/lib/analytics";
import { seededRandom } from "@/lib/random";
import { dbSuite } from "../helpers/db";
import { makeFacts, makePartners } from "./fixtures";

/** Every figure is compared with direct SQL over the raw tables (never with the rollups). */
const END = new Date("2026-11-20T12:00:00Z");
const FROM = "2026-10-22";
const TO = "2026-11-20";
const PREV = { from: "2026-09-22", to: "2026-10-21" };
const range = (from: string, to: string, col = "created_at") =>
  sql.raw(
    `${col} >= '${from}T00:00:00Z'::timestamptz and ${col} < ('${to}T00:00:00Z'::timestamptz + interval '1 day')`,
  );

const t = dbSuite();
let partnerIds: string[];

async function q<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.db.execute(query));
}
const num = async (query: ReturnType<typeof sql>): Promise<number> =>
  Number(Object.values((await q<Record<string, unknown>>(query))[0])[0] ?? 0);

beforeAll(async () => {
  partnerIds = await makePartners(t.db, 8);
  await makeFacts(t.db, seededRandom(42), partnerIds, 1_500, END, 100);
  await foldRollupDeltas(t.db);
  // Some changes stay pending (not folded): readers must add them.
  await makeFacts(t.db, seededRandom(43), partnerIds, 300, END, 100);
  await t.db
    .execute(sql`update referrals set status = 'CONVERTED', converted_at = created_at + interval '5 hours', conversion_value_cents = 99900
    where status = 'ACCEPTED' and abs(hashtext(id::text)) % 3 = 0`);
  await t.db.execute(
    sql`update rewards set status = 'APPROVED' where status = 'CALCULATED' and abs(hashtext(id::text)) % 2 = 0`,
  );
});

async function rawKpis(from: string, to: string, scope: ReturnType<typeof sql>) {
  const refs = range(from, to);
  return {
    referringPartners: await num(sql`select count(distinct partner_id) from referrals where ${refs} ${scope}`),
    clicks: await num(sql`select count(*) from referral_clicks where valid and ${refs} ${scope}`),
    referrals: await num(sql`select count(*) from referrals where ${refs} ${scope}`),
    accepted: await num(
      sql`select count(*) from referrals where status in ('ACCEPTED','CONVERTED','PAID') and ${refs} ${scope}`,
    ),
    conversions: await num(
      sql`select count(*) from referrals where status in ('CONVERTED','PAID') and ${refs} ${scope}`,
    ),
    conversionValueCents: await num(
      sql`select coalesce(sum(conversion_value_cents),0) from referrals where status in ('CONVERTED','PAID') and ${refs} ${scope}`,
    ),
    rewardsPendingCount: await num(
      sql`select count(*) from rewards where status in ('PENDING','CALCULATED') and ${refs} ${scope}`,
    ),
    rewardsPendingCents: await num(
      sql`select coalesce(sum(amount_cents),0) from rewards where status in ('PENDING','CALCULATED') and ${refs} ${scope}`,
    ),
    rewardsApprovedCount: await num(sql`select count(*) from rewards where status = 'APPROVED' and ${refs} ${scope}`),
    rewardsApprovedCents: await num(
      sql`select coalesce(sum(amount_cents),0) from rewards where status = 'APPROVED' and ${refs} ${scope}`,
    ),
    rewardsPaidCount: await num(sql`select count(*) from rewards where status = 'PAID' and ${refs} ${scope}`),
    rewardsPaidCents: await num(
      sql`select coalesce(sum(amount_cents),0) from rewards where status = 'PAID' and ${refs} ${scope}`,
    ),
    payoutsPaidCount: await num(
      sql`select count(*) from payouts where status = 'PAID' and ${range(from, to, "paid_at")} ${scope}`,
    ),
    payoutsPaidCents: await num(
      sql`select coalesce(sum(amount_cents),0) from payouts where status = 'PAID' and ${range(from, to, "paid_at")} ${scope}`,
    ),
  };
}

describe.each([
  ["program", undefined as number | undefined],
  ["one partner", 0],
])("dashboard figures (%s) equal direct SQL", (_label, idx) => {
  const scopeOf = () => (idx === undefined ? sql`` : sql`and partner_id = ${partnerIds[idx]}::uuid`);

  it("KPIs for the period and the previous one, funnel and sources", async () => {
    const partnerId = idx === undefined ? undefined : partnerIds[idx];
    const d = await dashboardAnalytics(t.db, { from: FROM, to: TO, partnerId, interval: "week" });
    const cur = await rawKpis(FROM, TO, scopeOf());
    expect(cur.referrals).toBeGreaterThan(0);
    expect(d.kpis.current).toEqual({
      ...cur,
      conversionRateBps: Math.round((cur.conversions * 10_000) / cur.referrals),
    });
    const prev = await rawKpis(PREV.from, PREV.to, scopeOf());
    expect(d.kpis.previous).toMatchObject(prev);
    expect(d.kpis.previousPeriod).toEqual(PREV);
    const active = await num(
      sql`select count(*) from partners where status = 'ACTIVE' ${idx === undefined ? sql`` : sql`and id = ${partnerIds[idx]}::uuid`}`,
    );
    expect(d.kpis.activePartners).toBe(active);
    expect(d.funnel.map((s) => s.count)).toEqual([
      cur.clicks,
      cur.referrals,
      cur.accepted,
      cur.conversions,
      await num(sql`select count(*) from referrals where status = 'PAID' and ${range(FROM, TO)} ${scopeOf()}`),
    ]);
    const sources = await q<{ source: string; n: number; c: number }>(sql`select source::text, count(*)::int as n,
      (count(*) filter (where status in ('CONVERTED','PAID')))::int as c from referrals where ${range(FROM, TO)} ${scopeOf()} group by source`);
    for (const s of d.sources) {
      const raw = sources.find((r) => r.source === s.source);
      expect([s.referrals, s.conversions]).toEqual([raw?.n ?? 0, raw?.c ?? 0]);
    }
  });

  it("weekly trends and monthly payouts", async () => {
    const partnerId = idx === undefined ? undefined : partnerIds[idx];
    const d = await dashboardAnalytics(t.db, { from: FROM, to: TO, partnerId, interval: "week" });
    const raw = await q<{
      w: string;
      n: number;
      c: number;
    }>(sql`select to_char(date_trunc('week', created_at at time zone 'UTC'), 'YYYY-MM-DD') as w,
      count(*)::int as n, (count(*) filter (where status in ('CONVERTED','PAID')))::int as c
      from referrals where ${range(FROM, TO)} ${scopeOf()} group by 1`);
    expect(d.trends.points[0].date).toBe("2026-10-19");
    expect(
      d.trends.points.filter((p) => p.referrals > 0).map((p) => ({ w: p.date, n: p.referrals, c: p.conversions })),
    ).toEqual(raw.sort((a, b) => a.w.localeCompare(b.w)));
    const rewardCents = await q<{
      w: string;
      a: string;
    }>(sql`select to_char(date_trunc('week', created_at at time zone 'UTC'), 'YYYY-MM-DD') as w,
      sum(amount_cents) as a from rewards where status in ('CALCULATED','APPROVED','PAID') and ${range(FROM, TO)} ${scopeOf()} group by 1`);
    for (const r of rewardCents) expect(d.trends.points.find((p) => p.date === r.w)?.rewardCents).toBe(Number(r.a));
    const payouts = await q<{
      m: string;
      method: string;
      n: number;
      a: string;
    }>(sql`select to_char(coalesce(paid_at, created_at) at time zone 'UTC', 'YYYY-MM') as m,
      coalesce(payment_method::text, 'NONE') as method, count(*)::int as n, sum(amount_cents) as a from payouts
      where status = 'PAID' and ${range(FROM, TO, "paid_at")} ${scopeOf()} group by 1, 2`);
    const paid = d.payouts.byMonth
      .filter((m) => m.paidCount > 0)
      .map((m) => ({ m: m.month, method: m.method, n: m.paidCount, a: m.paidCents }));
    expect(paid).toEqual(
      payouts
        .map((p) => ({ ...p, a: Number(p.a) }))
        .sort((a, b) => a.m.localeCompare(b.m) || a.method.localeCompare(b.method)),
    );
  });

  it("referral, reward and partner statistics", async () => {
    const partnerId = idx === undefined ? undefined : partnerIds[idx];
    const rs = await referralStatistics(t.db, { from: FROM, to: TO, partnerId });
    const byStatus = await q<{ s: string; n: number }>(
      sql`select status::text as s, count(*)::int as n from referrals where ${range(FROM, TO)} ${scopeOf()} group by 1`,
    );
    for (const r of byStatus) expect(rs.byStatus[r.s as keyof typeof rs.byStatus]).toBe(r.n);
    expect(rs.trend).toHaveLength(30);
    const [median] = await q<{
      h: number | null;
    }>(sql`select round((percentile_cont(0.5) within group (order by extract(epoch from converted_at - created_at)) / 3600)::numeric, 1)::float8 as h
      from referrals where converted_at is not null and ${range(FROM, TO)} ${scopeOf()}`);
    expect(rs.medianHoursToConvert).toBe(median.h);
    const daily = await q<{ d: string; n: number }>(
      sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as d, count(*)::int as n from referrals where ${range(FROM, TO)} ${scopeOf()} group by 1`,
    );
    for (const r of daily) expect(rs.trend.find((p) => p.date === r.d)?.referrals).toBe(r.n);

    const ws = await rewardStatistics(t.db, { from: FROM, to: TO, partnerId });
    const rw = await q<{ s: string; n: number; a: string | null }>(
      sql`select status::text as s, count(*)::int as n, sum(amount_cents) as a from rewards where ${range(FROM, TO)} ${scopeOf()} group by 1`,
    );
    for (const r of rw)
      expect(ws.byStatus[r.s as keyof typeof ws.byStatus]).toEqual({ count: r.n, amountCents: Number(r.a ?? 0) });
    const months = await q<{ m: string; a: string }>(
      sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM') as m, sum(amount_cents) as a from rewards where status = 'APPROVED' and ${range(FROM, TO)} ${scopeOf()} group by 1`,
    );
    expect(ws.byMonth.filter((m) => m.approvedCents !== 0).map((m) => ({ m: m.month, a: m.approvedCents }))).toEqual(
      months.map((m) => ({ m: m.m, a: Number(m.a) })).sort((a, b) => a.m.localeCompare(b.m)),
    );

    const ps = await partnerStatistics(t.db, { from: FROM, to: TO, partnerId });
    const cur = await rawKpis(FROM, TO, scopeOf());
    expect(ps).toMatchObject({
      referrals: cur.referrals,
      conversions: cur.conversions,
      referringPartners: cur.referringPartners,
    });
    expect(ps.earningsCents).toBe(
      cur.rewardsPendingCents -
        (await num(
          sql`select coalesce(sum(amount_cents),0) from rewards where status = 'PENDING' and ${range(FROM, TO)} ${scopeOf()}`,
        )) +
        cur.rewardsApprovedCents +
        cur.rewardsPaidCents,
    );
    expect(ps.total).toBe(idx === undefined ? partnerIds.length : 1);
  });
});

describe("top partners", () => {
  it.each(["conversions", "earnings", "referrals", "conversionRate"] as TopMetric[])(
    "by %s equal a ranking in direct SQL",
    async (metric) => {
      const raw = await q<{ id: string; refs: number; conv: number; earn: string }>(sql`
      select p.id, (select count(*)::int from referrals r where r.partner_id = p.id and ${range(FROM, TO, "r.created_at")}) as refs,
        (select count(*)::int from referrals r where r.partner_id = p.id and r.status in ('CONVERTED','PAID') and ${range(FROM, TO, "r.created_at")}) as conv,
        (select coalesce(sum(amount_cents),0) from rewards w where w.partner_id = p.id and w.status in ('CALCULATED','APPROVED','PAID') and ${range(FROM, TO, "w.created_at")}) as earn
      from partners p`);
      const value = (r: (typeof raw)[number]) =>
        metric === "conversions"
          ? r.conv
          : metric === "earnings"
            ? Number(r.earn)
            : metric === "referrals"
              ? r.refs
              : r.refs
                ? Math.round((r.conv * 10_000) / r.refs)
                : 0;
      const expected = raw
        .filter((r) => value(r) > 0)
        .sort((a, b) => value(b) - value(a) || b.conv - a.conv || b.refs - a.refs || a.id.localeCompare(b.id))
        .slice(0, 5)
        .map((r) => ({ partnerId: r.id, referrals: r.refs, conversions: r.conv, earningsCents: Number(r.earn) }));
      const top = await topPartners(t.db, { from: FROM, to: TO, metric, limit: 5 });
      expect(
        top.partners.map(({ partnerId, referrals, conversions, earningsCents }) => ({
          partnerId,
          referrals,
          conversions,
          earningsCents,
        })),
      ).toEqual(expected);
      expect(top.partners[0].rank).toBe(1);
    },
  );

  it("the admin page bundles the dashboard and the top partners; bad input is a validation error naming the field", async () => {
    const a = await adminAnalytics(t.db, { from: FROM, to: TO, interval: "month", topMetric: "earnings" });
    expect(a.trends.points.map((p) => p.date)).toEqual(["2026-10-01", "2026-11-01"]);
    expect(a.topPartners.metric).toBe("earnings");
    const referring = await num(sql`select count(distinct partner_id) from referrals where ${range(FROM, TO)}`);
    expect([a.kpis.current.referringPartners, a.topPartners.referringPartners]).toEqual([referring, referring]);
    await expect(topPartners(t.db, { limit: 0 })).rejects.toMatchObject({
      code: "validation",
      errors: [{ path: "limit" }],
    });
    await expect(referralStatistics(t.db, { from: "2026-11-02", to: "2026-11-01" })).rejects.toMatchObject({
      errors: [{ path: "from" }],
    });
    await expect(referralStatistics(t.db, { from: "yesterday" })).rejects.toMatchObject({ errors: [{ path: "from" }] });
  });
});
