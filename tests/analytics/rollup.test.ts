import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { checkRollups, foldRollupDeltas, rebuildRollups } from "@/lib/analytics/rollup";
import { seededRandom } from "@/lib/random";
import { createPgliteDb, createTestDb, type TestDb, dbSuite } from "../helpers/db";
import { makeFacts, makePartners, one } from "./fixtures";

const END = new Date("2026-11-20T12:00:00Z");

/** Set-based changes like the engine makes: status moves, bulk approval, payouts paid, deletions. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), n: fc.integer({ min: 1, max: 40 }), seed: fc.integer() }),
  fc.record({
    kind: fc.constant("referralStatus" as const),
    to: fc.constantFrom("ACCEPTED", "REJECTED", "CONVERTED", "PAID", "EXPIRED"),
    mod: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ kind: fc.constant("approveRewards" as const), mod: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("payoutsPaid" as const) }),
  fc.record({ kind: fc.constant("deleteClicks" as const), mod: fc.integer({ min: 2, max: 9 }) }),
  fc.record({ kind: fc.constant("touch" as const) }),
  fc.record({ kind: fc.constant("fold" as const) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

async function apply(t: TestDb, partnerIds: string[], m: Mutation): Promise<void> {
  switch (m.kind) {
    case "insert":
      return makeFacts(t.db, seededRandom(m.seed), partnerIds, m.n, END);
    case "referralStatus":
      await t.db.execute(sql`update referrals set status = ${m.to}::referral_status,
        conversion_value_cents = case when ${m.to} in ('CONVERTED', 'PAID') then coalesce(conversion_value_cents, 12345) else conversion_value_cents end
        where abs(hashtext(id::text)) % ${m.mod} = 0`);
      return;
    case "approveRewards":
      await t.db
        .execute(sql`update rewards set status = 'APPROVED', amount_cents = coalesce(amount_cents, 500), approved_at = now()
        where status in ('PENDING', 'CALCULATED') and abs(hashtext(id::text)) % ${m.mod} = 0`);
      return;
    case "payoutsPaid":
      await t.db.execute(sql`update payouts set status = 'PAID', paid_at = now() where status = 'PENDING'`);
      return;
    case "deleteClicks":
      await t.db.execute(sql`delete from referral_clicks where abs(hashtext(id::text)) % ${m.mod} = 0`);
      return;
    case "touch":
      await t.db.execute(sql`update referrals set notes = 'n', updated_at = now()`);
      return;
    case "fold":
      await foldRollupDeltas(t.db);
      return;
  }
}

describe.each([
  ["postgres", createTestDb],
  ["pglite", createPgliteDb],
] as const)("rollups on %s", (_driver, create) => {
  const t = dbSuite(create);
  let partnerIds: string[];
  beforeAll(async () => {
    partnerIds = await makePartners(t.db, 6);
  });

  it("equal the raw aggregates after random inserts, updates and deletes, folded or not", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (ms) => {
        for (const m of ms) await apply(t, partnerIds, m);
        expect(await checkRollups(t.db)).toBe(0);
        await foldRollupDeltas(t.db);
        expect(await one<{ n: number }>(t.db, sql`select count(*)::int as n from rollup_deltas`)).toEqual({ n: 0 });
        expect(await checkRollups(t.db)).toBe(0);
      }),
      { numRuns: _driver === "pglite" ? 8 : 20 },
    );
  });

  it("moves a referral's count from its old status to its new one", async () => {
    const [ref] = rowsOf<{ id: string; partner_id: string; source: string; status: string; day: string }>(
      await t.db.execute(sql`insert into referrals (partner_id, referral_code, source, status, expires_at, created_at)
        values (${partnerIds[0]}, 'X', 'EMAIL', 'PENDING', now() + interval '90 days', '2026-11-02T23:59:00Z')
        returning id, partner_id, source, status, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day`),
    );
    await foldRollupDeltas(t.db);
    expect(ref.day).toBe("2026-11-02");
    const count = async (status: string) =>
      Number(
        (
          await one<{ n: string | null }>(
            t.db,
            sql`select sum(count) as n from (select count from rollup_daily where metric = 'referrals' and day = ${ref.day}::date
              and partner_id = ${ref.partner_id} and dim = ${`${ref.source}:${status}`}
              union all select count from rollup_deltas where metric = 'referrals' and day = ${ref.day}::date
              and partner_id = ${ref.partner_id} and dim = ${`${ref.source}:${status}`}) x`,
          )
        ).n ?? 0,
      );
    const [pendingBefore, acceptedBefore] = [await count("PENDING"), await count("ACCEPTED")];
    await t.db.execute(sql`update referrals set status = 'ACCEPTED' where id = ${ref.id}`);
    expect([await count("PENDING"), await count("ACCEPTED")]).toEqual([pendingBefore - 1, acceptedBefore + 1]);
  });

  it("rebuilds from raw after deltas are lost (bulk loads with triggers off)", async () => {
    await t.db.execute(sql`delete from rollup_deltas`);
    await t.db.execute(sql`update rollup_daily set count = count + 1 where metric = 'clicks'`);
    expect(await checkRollups(t.db)).toBeGreaterThan(0);
    const { rows } = await rebuildRollups(t.db);
    expect(rows).toBeGreaterThan(0);
    expect(await checkRollups(t.db)).toBe(0);
  });
});

describe("rollups under concurrency (postgres)", () => {
  const t = dbSuite();

  it("a bulk approval of 2,000 rewards writes a handful of deltas, and concurrent folders count each delta once", async () => {
    const partnerIds = await makePartners(t.db, 3);
    await makeFacts(t.db, seededRandom(7), partnerIds, 4_000, END, 10);
    await foldRollupDeltas(t.db);
    const before = await one<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from rewards where status in ('PENDING', 'CALCULATED')`,
    );
    expect(before.n).toBeGreaterThan(500);
    await t.db.execute(
      sql`update rewards set status = 'APPROVED', amount_cents = coalesce(amount_cents, 1) where status in ('PENDING', 'CALCULATED')`,
    );
    const deltas = await one<{ n: number }>(t.db, sql`select count(*)::int as n from rollup_deltas`);
    // keys are (day, partner, type:status): at most 11 days × 3 partners × (2 old + 1 new) statuses × types
    expect(deltas.n).toBeLessThan(before.n);
    await Promise.all([
      makeFacts(t.db, seededRandom(8), partnerIds, 300, END, 10),
      foldRollupDeltas(t.db, 7),
      foldRollupDeltas(t.db, 11),
      foldRollupDeltas(t.db, 13),
      makeFacts(t.db, seededRandom(9), partnerIds, 300, END, 10),
    ]);
    expect(await checkRollups(t.db)).toBe(0);
    await Promise.all([
      rebuildRollups(t.db),
      makeFacts(t.db, seededRandom(10), partnerIds, 200, END, 10),
      foldRollupDeltas(t.db, 5),
    ]);
    expect(await checkRollups(t.db)).toBe(0);
  });
});
