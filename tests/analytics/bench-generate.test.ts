import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate, type Generated } from "@/bench/generate";
import { checkRollups, rebuildRollups } from "@/lib/analytics";
import { createTestDb, type TestDb } from "../helpers/db";

/** The benchmark loads with foreign keys and triggers off: prove the data it writes is consistent anyway. */
let t: TestDb;
let sql: postgres.Sql;
let gen: Generated;
beforeAll(async () => {
  t = await createTestDb();
  sql = postgres(t.url, { max: 10, onnotice: () => {} });
  gen = await generate(sql, {
    partners: 30,
    referrals: 3_000,
    days: 365,
    seed: 3,
    end: new Date("2026-11-20T12:00:00Z"),
  });
});
afterAll(async () => {
  await sql.end();
  await t.drop();
});

it("loads consistent rows in every status, restores the indexes and fires triggers again", async () => {
  expect(gen.rows).toMatchObject({ partners: 30, referrals: 3_000, leads: 3_000 });
  const orphans = await sql<{ n: number }[]>`
    select (select count(*) from referrals r left join leads l on l.id = r.lead_id where l.id is null)
         + (select count(*) from referrals r left join partners p on p.id = r.partner_id where p.id is null)
         + (select count(*) from rewards w left join referrals r on r.id = w.referral_id where w.referral_id is not null and r.id is null)
         + (select count(*) from rewards w left join payouts p on p.id = w.payout_id where w.payout_id is not null and p.id is null)
         + (select count(*) from payout_items i left join rewards w on w.id = i.reward_id where w.id is null)
         + (select count(*) from referral_clicks c left join partners p on p.id = c.partner_id where c.partner_id is not null and p.id is null) as n`;
  expect(Number(orphans[0].n)).toBe(0);
  const statuses = await sql<{ t: string; s: string }[]>`
    select distinct 'referral' as t, status::text as s from referrals union select distinct 'reward', status::text from rewards
    union select distinct 'payout', status::text from payouts`;
  const has = (t: string) =>
    statuses
      .filter((r) => r.t === t)
      .map((r) => r.s)
      .sort();
  expect(has("referral")).toEqual(["ACCEPTED", "CONVERTED", "EXPIRED", "PAID", "PENDING", "REJECTED"]);
  expect(has("reward")).toEqual(["APPROVED", "CALCULATED", "CANCELLED", "PAID", "PENDING"]);
  expect(has("payout")).toEqual(["FAILED", "PAID", "PENDING"]);
  // Paid payouts carry exactly the amounts of their items.
  const [bad] = await sql<{ n: number }[]>`select count(*)::int as n from payouts p where status = 'PAID'
    and amount_cents <> (select coalesce(sum(amount_cents), 0) from payout_items i where i.payout_id = p.id)`;
  expect(bad.n).toBe(0);
  const [idx] = await sql<
    { n: number }[]
  >`select count(*)::int as n from pg_indexes where indexname = 'referrals_partner_created_idx'`;
  expect(idx.n).toBe(1);
  await rebuildRollups(t.db);
  expect(await checkRollups(t.db)).toBe(0);
  // The load's replica role must not leak into pooled connections: later writes feed the rollups.
  await Promise.all(
    Array.from(
      { length: 10 },
      (_, i) =>
        sql`update referrals set status = 'REJECTED' where id = (select id from referrals where status = 'PENDING' offset ${i} limit 1)`,
    ),
  );
  expect(await checkRollups(t.db)).toBe(0);
  const [deltas] = await sql<{ n: number }[]>`select count(*)::int as n from rollup_deltas`;
  expect(deltas.n).toBeGreaterThan(0);
});
