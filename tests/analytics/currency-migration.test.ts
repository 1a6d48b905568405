import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { rowsOf } from "@/db";
import * as schema from "@/db/schema";
import { checkRollups } from "@/lib/analytics/rollup";
import { seededRandom } from "@/lib/random";
import { makeFacts, makePartners } from "./fixtures";

// The migration that gives the rollups a currency (drizzle/0022_analytics_currency_triggers.sql) rebuilds them
// from the source rows: a database with rollups folded and pending before it must, after it, hold exactly the
// per-currency aggregates of its source rows, and the replaced triggers must keep them so.

const LAST_BEFORE = "0019_policy_events";
const DRIZZLE = path.join(process.cwd(), "drizzle");

/** The migrations folder as it was before the currency dimension: same files, journal cut after LAST_BEFORE. */
function oldMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollup-currency-"));
  fs.cpSync(DRIZZLE, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { idx: number; tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === LAST_BEFORE);
  expect(cut, `${LAST_BEFORE} is in the journal`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut + 1);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/**
 * Rollups (folded plus pending) against a recomputation from the source rows, per (metric, day, partner,
 * dim, currency) and program-wide: the rows that differ. Written here from the source columns, not from
 * lib/analytics/keys.ts, so the check does not share the code it checks.
 */
const MISMATCHES = sql`
  with facts as (
    select 'rewards' as metric, (created_at at time zone 'UTC')::date as day, partner_id,
           type::text || ':' || status::text as dim, currency::text as currency, coalesce(amount_cents, 0) as a
    from rewards
    union all
    select 'payouts', (coalesce(paid_at, created_at) at time zone 'UTC')::date, partner_id,
           coalesce(payment_method::text, 'NONE') || ':' || status::text, currency::text, amount_cents
    from payouts
    union all
    select 'referrals', (created_at at time zone 'UTC')::date, partner_id, source::text || ':' || status::text,
           currency, coalesce(conversion_value_cents, 0)
    from referrals
  ), expected as (
    select metric, day, partner_id, dim, currency, count(*) as c, sum(a) as a from facts
    group by metric, day, partner_id, dim, currency
    union all
    select metric, day, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid, dim, currency, count(*), sum(a) from facts
    group by metric, day, dim, currency
  ), stored as (
    select metric, day, partner_id, dim, currency, sum(count) as c, sum(amount_cents) as a from (
      select metric, day, partner_id, dim, currency, count, amount_cents from rollup_daily
      union all
      select metric, day, partner_id, dim, currency, count, amount_cents from rollup_deltas
      union all
      select metric, day, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid, dim, currency, count, amount_cents from rollup_deltas
    ) u where metric <> 'clicks' group by metric, day, partner_id, dim, currency
  )
  select metric, day::text, partner_id::text, dim, currency, e.c::int as expected_count, s.c::int as stored_count,
         e.a::bigint as expected_amount, s.a::bigint as stored_amount
  from expected e full join stored s using (metric, day, partner_id, dim, currency)
  where coalesce(e.c, 0) <> coalesce(s.c, 0) or coalesce(e.a, 0) <> coalesce(s.a, 0)`;

describe("the rollups' currency migration", () => {
  const name = `${inject("pgPrefix")}_cur_${randomBytes(3).toString("hex")}`;
  const base = inject("pgBaseUrl");
  const url = new URL(base);
  url.pathname = `/${name}`;
  let client: ReturnType<typeof postgres>;
  let db: ReturnType<typeof drizzle<typeof schema>>;

  beforeAll(async () => {
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    client = postgres(url.toString(), { max: 2, onnotice: () => {} });
    db = drizzle(client, { schema, casing: "snake_case" });
  });
  afterAll(async () => {
    await client?.end();
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("backfills every currency from the source rows, folded and pending rollups alike", async () => {
    await migrate(db, { migrationsFolder: oldMigrations() });
    const partnerIds = await makePartners(db, 6, "cur");
    await makeFacts(db, seededRandom(2026), partnerIds, 300, new Date("2026-11-20T12:00:00Z"));
    // Before the migration the rollups had no currency: the EUR and GBP amounts were added to the USD ones.
    await db.execute(sql`update rewards set currency = case when abs(hashtext(id::text)) % 3 = 0 then 'EUR'
      when abs(hashtext(id::text)) % 3 = 1 then 'GBP' else 'USD' end`);
    await db.execute(sql`update payouts set currency = 'EUR' where abs(hashtext(id::text)) % 2 = 0`);
    await db.execute(sql`update referrals set currency = 'EUR' where abs(hashtext(id::text)) % 4 = 0`);
    // Fold what the old triggers appended (the old fold, by hand: the new code knows the new columns only),
    // then change more rows so some deltas are still pending when the migration runs.
    await db.execute(sql`
      with claimed as (delete from rollup_deltas returning metric, day, partner_id, dim, count, amount_cents),
      keyed as (
        select metric, day, partner_id, dim, count, amount_cents from claimed
        union all select metric, day, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid, dim, count, amount_cents from claimed)
      insert into rollup_daily as r (metric, day, partner_id, dim, count, amount_cents)
      select metric, day, partner_id, dim, sum(count), sum(amount_cents) from keyed group by 1, 2, 3, 4
      on conflict (metric, day, partner_id, dim) do update
        set count = r.count + excluded.count, amount_cents = r.amount_cents + excluded.amount_cents`);
    await db.execute(sql`update rewards set status = 'APPROVED', amount_cents = coalesce(amount_cents, 700)
      where status in ('PENDING', 'CALCULATED') and abs(hashtext(id::text)) % 2 = 0`);
    const [pending] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from rollup_deltas`));
    expect(pending.n).toBeGreaterThan(0);
    const [before] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(distinct currency)::int as n from rewards`),
    );
    expect(before.n).toBe(3);

    await migrate(db, { migrationsFolder: DRIZZLE });

    expect(rowsOf(await db.execute(MISMATCHES))).toEqual([]);
    expect(await checkRollups(db)).toBe(0);
    const currencies = rowsOf<{ metric: string; currency: string }>(
      await db.execute(sql`select distinct metric, currency from rollup_daily order by 1, 2`),
    );
    expect(currencies).toEqual([
      { metric: "clicks", currency: "" },
      { metric: "payouts", currency: "EUR" },
      { metric: "payouts", currency: "USD" },
      { metric: "referrals", currency: "EUR" },
      { metric: "referrals", currency: "USD" },
      { metric: "rewards", currency: "EUR" },
      { metric: "rewards", currency: "GBP" },
      { metric: "rewards", currency: "USD" },
    ]);
  });

  it("the replaced triggers keep each change under its own currency", async () => {
    await db.execute(
      sql`update rewards set currency = 'JPY' where currency = 'GBP' and abs(hashtext(id::text)) % 2 = 0`,
    );
    await db.execute(sql`update payouts set status = 'PAID', paid_at = now() where status = 'PENDING'`);
    await db.execute(sql`delete from rewards where currency = 'EUR' and abs(hashtext(id::text)) % 5 = 0`);
    expect(rowsOf(await db.execute(MISMATCHES))).toEqual([]);
    expect(await checkRollups(db)).toBe(0);
    const [jpy] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from rollup_deltas where currency = 'JPY'`),
    );
    expect(jpy.n).toBeGreaterThan(0);
  });
});
