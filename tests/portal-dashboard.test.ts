import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { partners, payouts, referralClicks, rewards } from "@/db/schema";
import { DEMO_PARTNER_EMAIL, seedDemo } from "@/db/seed";
import { dashboardOptions, getPartnerDashboard, type DashboardRange } from "@/lib/portal/dashboard";
import { partnerBalances, rewardTotalsFromRollups } from "@/lib/payouts/balances";
import { nextPayoutDate } from "@/lib/payouts/eligibility";
import { rewardTotals } from "@/lib/rewards/queries";
import { dbSuite } from "./helpers/db";
import { seedListFixture, type ListFixture } from "./helpers/list-fixtures";

const NOW = new Date("2026-11-20T12:00:00Z");
const t = dbSuite();
let f: ListFixture;
let demoPartner: string;

beforeAll(async () => {
  await seedDemo(t.db, NOW);
  f = await seedListFixture(t.db, NOW);
  await t.db.insert(referralClicks).values([
    { partnerId: f.a, code: "ALIARC0001", valid: true, createdAt: new Date(NOW.getTime() - 86_400_000) },
    { partnerId: f.a, code: "ALIARC0001", valid: true, createdAt: new Date(NOW.getTime() - 40 * 86_400_000) },
    { partnerId: f.a, code: "ALIARC0001", valid: false, invalidReason: "PARTNER_INACTIVE" },
  ]);
  [{ id: demoPartner }] = await t.db
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.email, DEMO_PARTNER_EMAIL));
});

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(query));

/** Every dashboard figure recomputed with direct SQL over the raw tables. */
async function expectMatchesSql(partnerId: string, range: DashboardRange) {
  const d = (await getPartnerDashboard(t.db, partnerId, { range, interval: "day" }, NOW))!;
  const from = new Date(`${d.period.from}T00:00:00Z`);
  const to = new Date(Date.parse(`${d.period.to}T00:00:00Z`) + 86_400_000);
  const inPeriod = sql`partner_id = ${partnerId}::uuid and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz`;
  const [refs] = await q<{ n: string; conv: string }>(
    sql`select count(*) n, count(*) filter (where status in ('CONVERTED','PAID')) conv from referrals where ${inPeriod}`,
  );
  const [clicks] = await q<{ n: string }>(sql`select count(*) n from referral_clicks where valid and ${inPeriod}`);
  expect(d.current.referrals).toBe(Number(refs.n));
  expect(d.current.conversions).toBe(Number(refs.conv));
  expect(d.current.conversionRateBps).toBe(
    Number(refs.n) ? Math.round((Number(refs.conv) * 10_000) / Number(refs.n)) : 0,
  );
  expect(d.current.clicks).toBe(Number(clicks.n));

  const byDay = await q<{ day: string; n: string; conv: string }>(
    sql`select to_char((created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, count(*) n, count(*) filter (where status in ('CONVERTED','PAID')) conv from referrals where ${inPeriod} group by 1`,
  );
  expect(d.trend).toHaveLength(range);
  for (const p of d.trend) {
    const row = byDay.find((r) => r.day === p.date);
    expect([p.date, p.referrals, p.conversions]).toEqual([p.date, Number(row?.n ?? 0), Number(row?.conv ?? 0)]);
  }
  const bySource = await q<{ source: string; n: string }>(
    sql`select source::text, count(*) n from referrals where ${inPeriod} group by 1`,
  );
  for (const s of d.sources) expect(s.referrals).toBe(Number(bySource.find((r) => r.source === s.source)?.n ?? 0));

  const totals = await q<{ status: string; n: string; cents: string }>(
    sql`select status::text, count(*) n, coalesce(sum(amount_cents), 0) cents from rewards where partner_id = ${partnerId}::uuid group by 1`,
  );
  const tot = (...st: string[]) => totals.filter((r) => st.includes(r.status)).reduce((s, r) => s + Number(r.cents), 0);
  const b = d.balances;
  expect(b.inReview.cents).toBe(tot("PENDING", "CALCULATED"));
  expect(b.paid.cents).toBe(tot("PAID"));
  const [approvedFree] = await q<{ cents: string }>(
    sql`select coalesce(sum(amount_cents), 0) cents from rewards r where partner_id = ${partnerId}::uuid and status = 'APPROVED'
        and payout_id is null`,
  );
  // The balances never overlap: approved + on its way is every APPROVED reward, counted once.
  expect(b.approved.cents).toBe(Number(approvedFree.cents));
  expect(b.approved.cents + b.onItsWay.cents).toBe(tot("APPROVED"));
  expect(b.nextPayout.amountCents).toBe(b.nextPayout.eligible ? b.approved.cents : 0);
  return d;
}

describe("partner dashboard figures agree with direct SQL", () => {
  it.each([30, 90, 365] as const)("fixture partner over %i days", async (range) => {
    const d = await expectMatchesSql(f.a, range);
    expect(d.current.referrals).toBe(25);
    expect(d.partner).toMatchObject({ referralCode: "ALIARC0001", status: "ACTIVE" });
    // No override: the default plan's 10 % is the headline rate.
    expect(d.partner.earning).toMatchObject({ bps: 1000, varies: false, planName: "Default plan" });
  });

  it.each([30, 90, 365] as const)("demo partner over %i days", async (range) => {
    const d = await expectMatchesSql(demoPartner, range);
    expect(d.partner.referralCode).toBe("DEMPAR0001");
  });

  it("counts only valid clicks inside the period, and keeps partners apart", async () => {
    const a30 = (await getPartnerDashboard(t.db, f.a, { range: 30 }, NOW))!;
    expect(a30.current.clicks).toBe(1);
    expect((await getPartnerDashboard(t.db, f.a, { range: 90 }, NOW))!.current.clicks).toBe(2);
    const b = (await getPartnerDashboard(t.db, f.b, { range: 30 }, NOW))!;
    expect(b.current.referrals).toBe(5);
    expect(b.balances.approved.cents).toBe(9900);
  });

  it("buckets by week when asked", async () => {
    const d = (await getPartnerDashboard(t.db, f.a, { range: 90, interval: "week" }, NOW))!;
    expect(d.trend.reduce((s, p) => s + p.referrals, 0)).toBe(25);
    expect(new Date(`${d.trend[1].date}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("next payout: the approved total against the minimum, on the next payout day", async () => {
    const d = (await getPartnerDashboard(t.db, f.a, {}, NOW))!;
    expect(d.balances.approved.cents).toBe(7000);
    expect(d.balances.nextPayout).toMatchObject({
      amountCents: 7000,
      minimumCents: 5000,
      eligible: true,
      date: "2026-12-01",
    });
    expect(nextPayoutDate(new Date("2026-11-30T23:00:00Z"), 1)).toBe("2026-12-01");
    expect(nextPayoutDate(new Date("2026-12-01T08:00:00Z"), 1)).toBe("2026-12-01");
    expect(nextPayoutDate(new Date("2026-12-02T08:00:00Z"), 1)).toBe("2027-01-01");
    expect(nextPayoutDate(new Date("2026-12-03T08:00:00Z"), 15)).toBe("2026-12-15");
    expect(await getPartnerDashboard(t.db, "00000000-0000-4000-8000-000000000000", {}, NOW)).toBeNull();
  });

  it("a reward inside a pending payout is on its way, not counted again", async () => {
    const [po] = await t.db
      .insert(payouts)
      .values({ partnerId: f.b, amountCents: 9900, status: "PENDING" })
      .returning();
    await t.db.update(rewards).set({ payoutId: po.id }).where(eq(rewards.partnerId, f.b));
    const b = await partnerBalances(t.db, f.b, NOW);
    expect(b.approved).toEqual({ cents: 0, count: 0 });
    expect(b.onItsWay).toMatchObject({ cents: 9900, payouts: [{ id: po.id, amountCents: 9900 }] });
    expect(b.nextPayout).toMatchObject({ amountCents: 0, eligible: false, shortByCents: 5000 });
    await expectMatchesSql(f.b, 30);
  });

  it("reward balances from the rollups equal the raw rows, also after a status change", async () => {
    expect(await rewardTotalsFromRollups(t.db, f.a)).toEqual(await rewardTotals(t.db, { partnerId: f.a }));
    await t.db
      .update(rewards)
      .set({ status: "APPROVED" })
      .where(and(eq(rewards.partnerId, f.a), eq(rewards.status, "CALCULATED")));
    const after = await rewardTotalsFromRollups(t.db, f.a);
    expect(after).toEqual(await rewardTotals(t.db, { partnerId: f.a }));
    expect(after.APPROVED).toEqual({ count: 2, amountCents: 12000 });
    expect(after.CALCULATED).toEqual({ count: 0, amountCents: 0 });
  });

  it("reads range and interval leniently from the URL", () => {
    expect(dashboardOptions({})).toEqual({ range: 30, interval: "day" });
    expect(dashboardOptions({ range: "365" })).toEqual({ range: 365, interval: "week" });
    expect(dashboardOptions({ range: "7", interval: "WEEK" })).toEqual({ range: 30, interval: "week" });
  });
});
