import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { idempotencyKeys, jobRuns, jobs, loginAttempts, outbox, rateLimits } from "@/db/schema";
import { purgeExpired } from "@/lib/jobs/purge";
import { JOBS } from "@/lib/jobs/registry";
import { claimJob, ensureJobs, requestRun, runDueJobs, type JobDefinition } from "@/lib/jobs/runner";
import { DRIVERS, type TestDb } from "../helpers/db";

const minute = 60_000;

describe.each(DRIVERS)("job runner on %s", (_driver, create) => {
  let t: TestDb;
  let calls: string[];
  const defs: JobDefinition[] = [
    { name: "t-ok", description: "works", intervalSeconds: 60, run: async (_db, { now }) => (calls.push(`ok@${now.toISOString()}`), { done: 1 }) },
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
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t.drop());
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
    expect((await runDueJobs(t.db, defs, { now: new Date(t0.getTime() + minute) })).map((o) => o.job)).toEqual(["t-ok"]);
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
      { topic: "email", eventType: "invitation", payload: { to: "old@x", url: "https://x/invite/a", expiresAt: ago(1).toISOString() } },
      { topic: "email", eventType: "invitation", payload: { to: "live@x", url: "https://x/invite/b", expiresAt: new Date(now.getTime() + 3600_000).toISOString() } },
      { topic: "email", eventType: "note", payload: { to: "undated@x" }, createdAt: ago(31 * 86_400) },
      { topic: "webhook", eventType: "referral.created", payload: { expiresAt: ago(1).toISOString() } },
    ]);
    expect(await purgeExpired(t.db, now)).toEqual({ idempotencyKeys: 1, loginAttempts: 1, rateLimits: 1, jobRuns: 1, emails: 2 });
    expect((await t.db.select().from(outbox)).map((o) => (o.payload as { to?: string }).to ?? o.topic).sort()).toEqual(["live@x", "webhook"]);
    expect((await t.db.select().from(jobRuns)).map((r) => r.job)).toEqual(["recent"]);
    expect((await t.db.select().from(idempotencyKeys)).map((k) => k.key)).toEqual(["live"]);
    expect(await t.db.select().from(loginAttempts).where(eq(loginAttempts.email, "a@x"))).toHaveLength(1);
    expect(await t.db.select().from(rateLimits)).toHaveLength(1);
    expect(await purgeExpired(t.db, now)).toEqual({ idempotencyKeys: 0, loginAttempts: 0, rateLimits: 0, jobRuns: 0, emails: 0 });
  });
});
