import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { events, jobs, outbox, referrals, rewards, settings } from "@/db/schema";
import { JOBS } from "@/lib/jobs/registry";
import { ensureJobs, runDueJobs } from "@/lib/jobs/runner";
import { dbSuite } from "../helpers/db";
import { newPartner } from "../engine/helpers";

const DAY = 86_400_000;

describe("engine jobs through the scheduler", () => {
  const t = dbSuite();
  beforeAll(async () => {
    await ensureJobs(t.db, JOBS);
  });

  it("expire-referrals moves exactly the overdue PENDING/ACCEPTED referrals, with events and webhooks", async () => {
    const now = new Date();
    const p = await newPartner(t.db);
    const code = "EXPJOB0001";
    const row = (status: "PENDING" | "ACCEPTED" | "CONVERTED" | "REJECTED", expiresInDays: number) => ({
      partnerId: p.id,
      referralCode: code,
      status,
      expiresAt: new Date(now.getTime() + expiresInDays * DAY),
    });
    const inserted = await t.db
      .insert(referrals)
      .values([
        row("PENDING", -1),
        row("ACCEPTED", -0.001),
        row("PENDING", 1),
        row("ACCEPTED", 5),
        row("CONVERTED", -3),
        row("REJECTED", -3),
      ])
      .returning({ id: referrals.id });
    const ids = inserted.map((r) => r.id);
    const due = ids.slice(0, 2);

    const out = await runDueJobs(t.db, JOBS, { now, worker: "test" });
    expect(out.find((o) => o.job === "expire-referrals")).toMatchObject({ ok: true, result: { expired: 2 } });
    const after = await t.db
      .select({ id: referrals.id, status: referrals.status })
      .from(referrals)
      .where(inArray(referrals.id, ids));
    const statusOf = Object.fromEntries(after.map((r) => [r.id, r.status]));
    expect(ids.map((id) => statusOf[id])).toEqual([
      "EXPIRED",
      "EXPIRED",
      "PENDING",
      "ACCEPTED",
      "CONVERTED",
      "REJECTED",
    ]);
    const ev = await t.db
      .select()
      .from(events)
      .where(and(eq(events.action, "referral.expired"), inArray(events.entityId, ids)));
    expect(ev.map((e) => e.entityId).sort()).toEqual([...due].sort());
    expect(ev.every((e) => e.actorType === "SYSTEM" && e.actorId === "expire-referrals")).toBe(true);
    expect(await t.db.select().from(outbox).where(eq(outbox.eventType, "referral.expired"))).toHaveLength(2);

    // The job row shows the run; a day later the next one is due and moves the rest that became overdue.
    const [j] = await t.db.select().from(jobs).where(eq(jobs.name, "expire-referrals"));
    expect(j).toMatchObject({ lastOk: true, lastResult: { expired: 2 } });
    const later = await runDueJobs(t.db, JOBS, { now: new Date(now.getTime() + 2 * DAY) });
    expect(later.find((o) => o.job === "expire-referrals")?.result).toEqual({ expired: 1 });
  });

  it("fold-analytics folds the pending deltas, then vacuums the delta table so readers skip no dead rows", async () => {
    const p = await newPartner(t.db);
    await t.db
      .insert(referrals)
      .values([
        { partnerId: p.id, referralCode: "FOLDJOB001", status: "PENDING", expiresAt: new Date(Date.now() + DAY) },
      ]);
    const pending = async () =>
      Number(rowsOf<{ n: string }>(await t.db.execute(sql`select count(*) as n from rollup_deltas`))[0].n);
    const vacuums = async () =>
      Number(
        rowsOf<{ n: string }>(
          await t.db.execute(sql`select vacuum_count as n from pg_stat_user_tables where relname = 'rollup_deltas'`),
        )[0].n,
      );
    expect(await pending()).toBeGreaterThan(0);
    const before = await vacuums();
    const out = await runDueJobs(t.db, JOBS, { now: new Date(Date.now() + 5 * DAY), worker: "test" });
    const fold = out.find((o) => o.job === "fold-analytics");
    expect(fold).toMatchObject({ ok: true });
    expect((fold?.result as { deltas: number }).deltas).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    expect(await vacuums()).toBeGreaterThan(before);
  });

  it("release-rewards approves exactly the CALCULATED rewards past their hold, only when the program auto-approves", async () => {
    const now = new Date(Date.now() + 10 * DAY);
    const p = await newPartner(t.db);
    const reward = (status: "CALCULATED" | "PENDING" | "APPROVED", holdDays: number | null) => ({
      partnerId: p.id,
      type: "BONUS" as const,
      status,
      amountCents: status === "PENDING" ? null : 2_500,
      holdUntil: holdDays === null ? null : new Date(now.getTime() + holdDays * DAY),
      reason: "job test",
    });
    const inserted = await t.db
      .insert(rewards)
      .values([
        reward("CALCULATED", -2),
        reward("CALCULATED", null),
        reward("CALCULATED", 3),
        reward("PENDING", -2),
        reward("APPROVED", -2),
      ])
      .returning({ id: rewards.id });
    const ids = inserted.map((r) => r.id);
    const statuses = async () => {
      const rows = await t.db
        .select({ id: rewards.id, status: rewards.status })
        .from(rewards)
        .where(inArray(rewards.id, ids));
      const by = Object.fromEntries(rows.map((r) => [r.id, r.status]));
      return ids.map((id) => by[id]);
    };

    const off = await runDueJobs(t.db, JOBS, { now });
    expect(off.find((o) => o.job === "release-rewards")?.result).toEqual({
      autoApprove: false,
      approved: 0,
      awaitingApproval: 2,
    });
    expect(await statuses()).toEqual(["CALCULATED", "CALCULATED", "CALCULATED", "PENDING", "APPROVED"]);

    await t.db.update(settings).set({ autoApproveRewards: true });
    const later = new Date(now.getTime() + DAY);
    const on = await runDueJobs(t.db, JOBS, { now: later });
    expect(on.find((o) => o.job === "release-rewards")?.result).toEqual({
      autoApprove: true,
      approved: 2,
      awaitingApproval: 0,
    });
    expect(await statuses()).toEqual(["APPROVED", "APPROVED", "CALCULATED", "PENDING", "APPROVED"]);
    const ev = await t.db
      .select()
      .from(events)
      .where(and(eq(events.action, "reward.approved"), inArray(events.entityId, ids)));
    expect(ev.map((e) => e.entityId).sort()).toEqual(ids.slice(0, 2).sort());
  });
});
