import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  idempotencyKeys,
  jobRuns,
  jobs,
  loginAttempts,
  outbox,
  rateLimits,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { purgeExpired } from "@/lib/jobs/purge";
import { JOBS } from "@/lib/jobs/registry";
import { claimJob, ensureJobs, requestRun, runDueJobs, type JobDefinition } from "@/lib/jobs/runner";
import { getDelivery, listDeliveries, replayDelivery } from "@/lib/webhooks/deliveries";
import { WEBHOOK_RETENTION_DAYS } from "@/lib/webhooks/retention";
import { DRIVERS, dbSuite } from "../helpers/db";

const minute = 60_000;
const day = 86_400_000;
const nothing = {
  idempotencyKeys: 0,
  loginAttempts: 0,
  rateLimits: 0,
  jobRuns: 0,
  emails: 0,
  mailMessages: 0,
  notifications: 0,
  webhookDeliveries: 0,
  webhookAttempts: 0,
  webhookEvents: 0,
};
const admin: Actor = { type: "USER", id: "admin-test", label: "admin@test", role: "ADMIN" };

describe.each(DRIVERS)("job runner on %s", (_driver, create) => {
  const t = dbSuite(create);
  let calls: string[];
  const defs: JobDefinition[] = [
    {
      name: "t-ok",
      description: "works",
      intervalSeconds: 60,
      run: async (_db, { now }) => (calls.push(`ok@${now.toISOString()}`), { done: 1 }),
    },
    {
      name: "t-fail",
      description: "throws",
      intervalSeconds: 120,
      run: async () => {
        calls.push("fail");
        throw new Error("boom");
      },
    },
  ];
  beforeEach(async () => {
    calls = [];
    await t.db.delete(jobRuns);
    await t.db.delete(jobs);
  });

  it("runs due jobs once, records each run and the next run; a failure is recorded, not thrown", async () => {
    const t0 = new Date(Date.now() + minute);
    await ensureJobs(t.db, defs);
    const out = await runDueJobs(t.db, defs, { now: t0, worker: "w1" });
    expect(out.map((o) => [o.job, o.ok])).toEqual([
      ["t-ok", true],
      ["t-fail", false],
    ]);
    expect(await runDueJobs(t.db, defs, { now: t0, worker: "w1" })).toEqual([]);
    const rows = Object.fromEntries((await t.db.select().from(jobs)).map((j) => [j.name, j]));
    expect(rows["t-ok"]).toMatchObject({ lastOk: true, lastResult: { done: 1 }, lockedUntil: null, lastError: null });
    expect(rows["t-ok"].nextRunAt.getTime()).toBe(t0.getTime() + 60_000);
    expect(rows["t-fail"]).toMatchObject({ lastOk: false, lastError: "boom" });
    expect(rows["t-fail"].nextRunAt.getTime()).toBe(t0.getTime() + 120_000);
    const runs = await t.db.select().from(jobRuns);
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.worker === "w1" && r.finishedAt !== null)).toBe(true);

    // One minute later only the 60 s job is due; two minutes later both.
    expect((await runDueJobs(t.db, defs, { now: new Date(t0.getTime() + minute) })).map((o) => o.job)).toEqual([
      "t-ok",
    ]);
    expect(await runDueJobs(t.db, defs, { now: new Date(t0.getTime() + 2 * minute) })).toHaveLength(2);
    expect(calls.filter((c) => c === "fail")).toHaveLength(2);
  });

  it("a claimed job cannot be claimed again until its lease ends", async () => {
    const t0 = new Date(Date.now() + minute);
    await ensureJobs(t.db, defs);
    expect(await claimJob(t.db, "t-ok", t0)).toBe(true);
    expect(await claimJob(t.db, "t-ok", new Date(t0.getTime() + minute))).toBe(false);
    expect(await claimJob(t.db, "t-ok", new Date(t0.getTime() + 6 * minute))).toBe(true);
  });

  it("run now makes a job due at once", async () => {
    const t0 = new Date(Date.now() + minute);
    await ensureJobs(t.db, defs);
    await runDueJobs(t.db, defs, { now: t0 });
    expect(await requestRun(t.db, "t-ok", t0)).toBe(true);
    expect((await runDueJobs(t.db, defs, { now: t0 })).map((o) => o.job)).toEqual(["t-ok"]);
    expect(await requestRun(t.db, "nope", t0)).toBe(false);
  });

  it("the real registry runs every job cleanly on an empty database", async () => {
    await ensureJobs(t.db, JOBS);
    const out = await runDueJobs(t.db, JOBS, { now: new Date(Date.now() + minute) });
    expect(out.map((o) => o.job)).toEqual(JOBS.map((j) => j.name));
    expect(out.filter((o) => !o.ok)).toEqual([]);
  });

  it("purges exactly the expired idempotency keys, old throttling rows, week-old job runs and e-mails whose link expired", async () => {
    const now = new Date();
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    const req = { method: "POST", path: "/x", requestHash: "h" };
    await t.db.insert(idempotencyKeys).values([
      { scope: "u", key: "old", ...req, expiresAt: ago(1) },
      { scope: "u", key: "live", ...req, expiresAt: new Date(now.getTime() + 3600_000) },
    ]);
    // Default sign-in window 900 s; the longest rate-limit window is the sign-in one (900 s).
    await t.db.insert(loginAttempts).values([
      { email: "a@x", ip: "1", success: false, createdAt: ago(901) },
      { email: "a@x", ip: "1", success: false, createdAt: ago(60) },
    ]);
    await t.db.insert(rateLimits).values([
      { key: "quote:1", windowStart: ago(2000), count: 3 },
      { key: "quote:1", windowStart: ago(100), count: 1 },
    ]);
    await t.db.insert(jobRuns).values([
      { job: "old", startedAt: ago(8 * 86_400) },
      { job: "recent", startedAt: ago(6 * 86_400) },
    ]);
    await t.db.insert(outbox).values([
      {
        topic: "email",
        eventType: "invitation",
        payload: { to: "old@x", url: "https://x/invite/a", expiresAt: ago(1).toISOString() },
      },
      {
        topic: "email",
        eventType: "invitation",
        payload: {
          to: "live@x",
          url: "https://x/invite/b",
          expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
        },
      },
      { topic: "email", eventType: "note", payload: { to: "undated@x" }, createdAt: ago(31 * 86_400) },
      { topic: "webhook", eventType: "referral.created", payload: { expiresAt: ago(1).toISOString() } },
    ]);
    expect(await purgeExpired(t.db, now)).toEqual({
      ...nothing,
      idempotencyKeys: 1,
      loginAttempts: 1,
      rateLimits: 1,
      jobRuns: 1,
      emails: 2,
    });
    expect((await t.db.select().from(outbox)).map((o) => (o.payload as { to?: string }).to ?? o.topic).sort()).toEqual([
      "live@x",
      "webhook",
    ]);
    expect((await t.db.select().from(jobRuns)).map((r) => r.job)).toEqual(["recent"]);
    expect((await t.db.select().from(idempotencyKeys)).map((k) => k.key)).toEqual(["live"]);
    expect(await t.db.select().from(loginAttempts).where(eq(loginAttempts.email, "a@x"))).toHaveLength(1);
    expect(await t.db.select().from(rateLimits)).toHaveLength(1);
    expect(await purgeExpired(t.db, now)).toEqual(nothing);
  });
  it(`purges finished webhook deliveries, their attempts and unreferenced processed events after ${WEBHOOK_RETENTION_DAYS} days, in bounded batches`, async () => {
    await t.db.delete(webhookAttempts);
    await t.db.delete(webhookDeliveries);
    await t.db.delete(webhookEndpoints);
    await t.db.delete(outbox);
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * day);
    const [ep] = await t.db
      .insert(webhookEndpoints)
      .values({ url: "https://93.184.215.14/hook", secret: "whsec_dGVzdA==" })
      .returning();
    const event = async (name: string, createdDaysAgo: number, processedDaysAgo: number | null) => {
      const [o] = await t.db
        .insert(outbox)
        .values({
          topic: "webhook",
          eventType: "lead.created",
          payload: { name },
          createdAt: ago(createdDaysAgo),
          availableAt: ago(createdDaysAgo),
          processedAt: processedDaysAgo === null ? null : ago(processedDaysAgo),
        })
        .returning();
      return o;
    };
    type Status = (typeof webhookDeliveries.$inferSelect)["status"];
    const delivery = async (
      o: typeof outbox.$inferSelect,
      status: Status,
      createdDaysAgo: number,
      attempts: number,
    ) => {
      const [d] = await t.db
        .insert(webhookDeliveries)
        .values({
          endpointId: ep.id,
          outboxId: o.id,
          eventType: o.eventType,
          messageId: o.eventId,
          payload: o.payload,
          status,
          attempts,
          createdAt: ago(createdDaysAgo),
        })
        .returning();
      for (let i = 0; i < attempts; i++)
        await t.db
          .insert(webhookAttempts)
          .values({ deliveryId: d.id, attemptedAt: ago(createdDaysAgo), statusCode: 500 });
      return d;
    };
    // Old and done: both deliveries, their 3 attempts and the event go.
    const done = await event("done", 41, 41);
    const succeeded = await delivery(done, "SUCCEEDED", 41, 2);
    const abandoned = await delivery(done, "ABANDONED", 40, 1);
    // Dispatched when no endpoint was subscribed: the event goes.
    await event("unsent", 40, 40);
    // Old, but replayed yesterday: the old delivery goes, the event stays for the replay.
    const replayed = await event("replayed", 40, 40);
    const gone = await delivery(replayed, "FAILED", 40, 1);
    const replay = await delivery(replayed, "SUCCEEDED", 1, 1);
    // Still PENDING (retrying or leased) however old: kept with its event.
    const stuck = await event("stuck", 40, 40);
    const pending = await delivery(stuck, "PENDING", 40, 1);
    // Within the retention period, or never processed: kept.
    const recent = await event("recent", 1, 1);
    const fresh = await delivery(recent, "SUCCEEDED", 1, 1);
    const edge = await event("edge", WEBHOOK_RETENTION_DAYS - 1, WEBHOOK_RETENTION_DAYS - 1);
    const edgeFailed = await delivery(edge, "FAILED", WEBHOOK_RETENTION_DAYS - 1, 1);
    const queued = await event("queued", 60, null);

    // One batch of one row per table: the oldest delivery with its attempts, and one unreferenced event.
    expect(await purgeExpired(t.db, now, { batch: 1, maxBatches: 1 })).toMatchObject({
      webhookDeliveries: 1,
      webhookAttempts: 2,
      webhookEvents: 1,
    });
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, succeeded.id))).toEqual([]);
    // The rest in batches of two.
    expect(await purgeExpired(t.db, now, { batch: 2 })).toMatchObject({
      webhookDeliveries: 2,
      webhookAttempts: 2,
      webhookEvents: 1,
    });

    const ids = async <T extends { id: unknown }>(rows: Promise<T[]>) => (await rows).map((r) => r.id).sort();
    expect(await ids(t.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries))).toEqual(
      [replay.id, pending.id, fresh.id, edgeFailed.id].sort(),
    );
    expect(await t.db.select().from(webhookAttempts)).toHaveLength(4);
    expect(await ids(t.db.select({ id: outbox.id }).from(outbox))).toEqual(
      [replayed.id, stuck.id, recent.id, edge.id, queued.id].sort(),
    );
    expect(await purgeExpired(t.db, now)).toEqual(nothing);

    // The admin's views: purged deliveries are simply not found; kept ones still replay.
    await expect(getDelivery(t.db, abandoned.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(replayDelivery(t.db, gone.id, admin)).rejects.toMatchObject({ code: "not_found" });
    expect((await listDeliveries(t.db, {})).pagination.total).toBe(4);
    expect((await replayDelivery(t.db, replay.id, admin)).outboxId).toBe(replayed.id);
  });
});
