import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db";
import { jobRuns, outbox, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { claimDueDeliveries } from "@/lib/webhooks/deliver";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { claimJob, ensureJobs, runDueJobs, type JobDefinition } from "@/lib/jobs/runner";
import { createTestDb, type TestDb } from "../helpers/db";

/** Two workers = two separate connection pools on one PostgreSQL database, as two app instances would be. */
describe("two workers at once never handle one row twice (PostgreSQL)", () => {
  let t: TestDb;
  let a: DbHandle;
  let b: DbHandle;
  beforeAll(async () => {
    t = await createTestDb();
    a = await openDb({ url: t.url, max: 4 });
    b = await openDb({ url: t.url, max: 4 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await t.drop();
  });

  it("outbox dispatch: 600 events, four dispatchers on two pools in small batches, one delivery each", async () => {
    const [ep] = await t.db
      .insert(webhookEndpoints)
      .values({ url: "http://127.0.0.1:9/", secret: "whsec_dGVzdA==" })
      .returning();
    await t.db.execute(sql`
      insert into outbox (topic, event_type, payload, available_at)
      select 'webhook', 'referral.created', jsonb_build_object('n', g), now() - interval '1 minute' from generate_series(1, 600) g`);
    const now = new Date(Date.now() + 1000);
    const loop = async (h: DbHandle) => {
      let events = 0;
      for (
        let r = await dispatchOutbox(h.db, { now, batch: 7 });
        r.events > 0;
        r = await dispatchOutbox(h.db, { now, batch: 7 })
      )
        events += r.events;
      return events;
    };
    const counts = await Promise.all([loop(a), loop(b), loop(a), loop(b)]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(600);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    const [{ n, distinct }] = (await t.db.execute(
      sql`select count(*)::int as n, count(distinct outbox_id)::int as distinct from webhook_deliveries where endpoint_id = ${ep.id}`,
    )) as unknown as { n: number; distinct: number }[];
    expect({ n, distinct }).toEqual({ n: 600, distinct: 600 });
    const [{ left }] = (await t.db.execute(
      sql`select count(*)::int as left from outbox where processed_at is null`,
    )) as unknown as { left: number }[];
    expect(left).toBe(0);
  });

  it("delivery claims: four concurrent claim loops on two pools get disjoint sets covering all", async () => {
    const now = new Date(Date.now() + 1000);
    const total = (await t.db.select().from(webhookDeliveries)).length;
    expect(total).toBe(600);
    const loop = async (h: DbHandle) => {
      const ids: string[] = [];
      for (let c = await claimDueDeliveries(h.db, now, 9); c.length; c = await claimDueDeliveries(h.db, now, 9))
        ids.push(...c.map((d) => d.id));
      return ids;
    };
    const results = await Promise.all([loop(a), loop(b), loop(a), loop(b)]);
    const all = results.flat();
    expect(all).toHaveLength(600);
    expect(new Set(all).size).toBe(600);
    expect(results.filter((r) => r.length > 0).length).toBeGreaterThan(1);
  });

  it("job claims: 20 concurrent claims of one due job, exactly one wins; two schedulers record one run per job", async () => {
    let runs = 0;
    const defs: JobDefinition[] = [
      { name: "race-a", description: "", intervalSeconds: 60, run: async () => ({ run: ++runs }) },
      { name: "race-b", description: "", intervalSeconds: 60, run: async () => ({ run: ++runs }) },
    ];
    await ensureJobs(t.db, defs);
    const now = new Date(Date.now() + 1000);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claimJob((i % 2 ? a : b).db, "race-a", now)));
    expect(claims.filter(Boolean)).toHaveLength(1);

    const later = new Date(now.getTime() + 10 * 60_000);
    const outs = await Promise.all([
      runDueJobs(a.db, defs, { now: later, worker: "a" }),
      runDueJobs(b.db, defs, { now: later, worker: "b" }),
    ]);
    expect(
      outs
        .flat()
        .map((o) => o.job)
        .sort(),
    ).toEqual(["race-a", "race-b"]);
    expect(runs).toBe(2);
    expect(await t.db.select().from(jobRuns)).toHaveLength(2);
  });

  it("outbox rows are left alone for topics other than webhook", async () => {
    await t.db.insert(outbox).values({ topic: "email", eventType: "invite", payload: {} });
    expect(await dispatchOutbox(a.db, { now: new Date(Date.now() + 1000) })).toEqual({ events: 0, deliveries: 0 });
  });
});
