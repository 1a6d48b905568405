import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/db";
import {
  adminAnalytics,
  foldRollupDeltas,
  partnerStatistics,
  referralStatistics,
  rewardStatistics,
} from "@/lib/analytics";
import { seededRandom } from "@/lib/random";
import { createPgliteDb, dbSuite } from "../helpers/db";
import { makeFacts, makePartners } from "./fixtures";

/** The embedded demo runs on PGlite: the same analytics, the same figures. */
const t = dbSuite(createPgliteDb);
beforeAll(async () => {
  const ids = await makePartners(t.db, 4);
  await makeFacts(t.db, seededRandom(5), ids, 200, new Date("2026-11-20T12:00:00Z"), 40);
  await foldRollupDeltas(t.db);
  await makeFacts(t.db, seededRandom(6), ids, 50, new Date("2026-11-20T12:00:00Z"), 40);
});

it("computes every section on PGlite, agreeing with direct SQL", async () => {
  const q = { from: "2026-10-22", to: "2026-11-20" };
  const a = await adminAnalytics(t.db, { ...q, interval: "week" });
  const [raw] = rowsOf<{ n: number; c: number }>(
    await t.db
      .execute(sql`select count(*)::int as n, (count(*) filter (where status in ('CONVERTED', 'PAID')))::int as c from referrals
      where created_at >= '2026-10-22T00:00:00Z' and created_at < '2026-11-21T00:00:00Z'`),
  );
  expect(raw.n).toBeGreaterThan(0);
  expect([a.kpis.current.referrals, a.kpis.current.conversions]).toEqual([raw.n, raw.c]);
  expect(a.topPartners.partners.reduce((s, p) => s + p.conversions, 0)).toBe(raw.c);
  const rs = await referralStatistics(t.db, q);
  expect(rs.total).toBe(raw.n);
  expect(rs.medianHoursToConvert === null || rs.medianHoursToConvert > 0).toBe(true);
  expect((await partnerStatistics(t.db, q)).referrals).toBe(raw.n);
  expect((await rewardStatistics(t.db, q)).byMonth.length).toBeGreaterThan(0);
});
