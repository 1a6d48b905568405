import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, jobs, payoutBatches, payouts, settings } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { jobByName } from "@/lib/jobs/registry";
import { ensureJobs, runJobIfDue } from "@/lib/jobs/runner";
import { draftScheduledBatch } from "@/lib/payouts/schedule";
import * as file from "@/app/api/v1/payouts/batches/[batchId]/file/route";
import * as approve from "@/app/api/v1/payouts/batches/[batchId]/approve/route";
import * as markPaid from "@/app/api/v1/payouts/batches/[batchId]/mark-paid/route";
import { insertReward } from "../helpers/api-fixtures";
import { apiSuite, call } from "../helpers/http";

const { t, admin } = apiSuite({ admin: true });
const job = systemActor("draft-payout-batch");
const payoutDay = (iso: string) => ({ now: new Date(iso) });

async function withApproved(n: number) {
  for (let i = 0; i < n; i++) {
    const p = (await t.partner()).partner;
    await insertReward(t.db, p.id, { status: "APPROVED", amountCents: 10_000 });
  }
}

describe("scheduled payout batches", () => {
  it("drafts nothing while batches are manual, or on another day than the payout day", async () => {
    await withApproved(1);
    expect(await draftScheduledBatch(t.db, job, payoutDay("2026-07-01T06:00:00Z"))).toMatchObject({
      drafted: false,
      reason: "manual schedule",
    });
    await t.db.update(settings).set({ payoutSchedule: "AUTO", payoutDayOfMonth: 1 });
    expect(await draftScheduledBatch(t.db, job, payoutDay("2026-07-02T06:00:00Z"))).toMatchObject({
      drafted: false,
      reason: "not the payout day",
    });
    expect(await t.db.select().from(payoutBatches)).toHaveLength(0);
  });

  it("drafts the payout day's batch once; its files answer 409 until an admin approves it", async () => {
    await withApproved(2);
    const first = await draftScheduledBatch(t.db, job, payoutDay("2026-08-01T00:05:00Z"));
    expect(first).toMatchObject({ drafted: true, payouts: 3 });
    const again = await draftScheduledBatch(t.db, job, payoutDay("2026-08-01T23:00:00Z"));
    expect(again).toMatchObject({ drafted: false, reason: "already drafted for 2026-08-01" });
    const batchId = first.batchId!;
    const members = await t.db.select().from(payouts).where(eq(payouts.batchId, batchId));
    expect(members.map((p) => p.status)).toEqual(["PENDING", "PENDING", "PENDING"]);

    const blocked = await call(file.GET, "GET /api/v1/payouts/batches/[batchId]/file", {
      headers: admin.headers,
      params: { batchId },
      query: { format: "csv" },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toMatch(/waits for an admin's approval/);
    const unpaid = await call(markPaid.POST, "POST /api/v1/payouts/batches/[batchId]/mark-paid", {
      headers: admin.headers,
      params: { batchId },
      body: { reference: "EARLY" },
    });
    expect(unpaid.status).toBe(409);

    const ok = await call(approve.POST, "POST /api/v1/payouts/batches/[batchId]/approve", {
      headers: admin.headers,
      params: { batchId },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ batchId, status: "APPROVED", payoutDay: "2026-08-01", payoutCount: 3 });
    const twice = await call(approve.POST, "POST /api/v1/payouts/batches/[batchId]/approve", {
      headers: admin.headers,
      params: { batchId },
    });
    expect(twice.status).toBe(409);

    const csv = await call(file.GET, "GET /api/v1/payouts/batches/[batchId]/file", {
      headers: admin.headers,
      params: { batchId },
      query: { format: "csv" },
    });
    expect(csv.status).toBe(200);
    const audit = await t.db.select().from(events).where(eq(events.entityId, batchId));
    expect(audit.map((e) => e.action).sort()).toEqual([
      "payout_batch.approved",
      "payout_batch.drafted",
      "payout_batch.file_generated",
    ]);
  });

  it("several instances drafting at the same moment make one batch (the payout day is the unique key)", async () => {
    await withApproved(3);
    const at = payoutDay("2026-09-01T00:00:00Z");
    const runs = await Promise.all(Array.from({ length: 6 }, () => draftScheduledBatch(t.db, job, at)));
    expect(runs.filter((r) => r.drafted)).toHaveLength(1);
    const [{ n }] = (await t.db.execute(
      sql`select count(*)::int as n from payout_batches where payout_day = '2026-09-01'`,
    )) as unknown as { n: number }[];
    expect(n).toBe(1);
    const batchId = runs.find((r) => r.drafted)!.batchId!;
    const [{ rewards }] = (await t.db.execute(
      sql`select count(*)::int as rewards from rewards r join payouts p on p.id = r.payout_id where p.batch_id = ${batchId}`,
    )) as unknown as { rewards: number }[];
    expect(rewards).toBe(3);
  });

  it("the job, run by concurrent workers, drafts once per payout day", async () => {
    await withApproved(2);
    const def = jobByName("draft-payout-batch")!;
    await ensureJobs(t.db, [def]);
    const at = new Date("2026-10-01T03:00:00Z");
    await t.db.update(jobs).set({ nextRunAt: at, lockedUntil: null }).where(eq(jobs.name, def.name));
    const outcomes = await Promise.all(
      ["a", "b", "c", "d"].map((w) => runJobIfDue(t.db, def, { now: at, worker: `worker-${w}` })),
    );
    const ran = outcomes.filter((o) => o !== null);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.result).toMatchObject({ drafted: true, payouts: 2 });
    // Due again later the same day (another instance, a restart): nothing new.
    const later = new Date("2026-10-01T20:00:00Z");
    await t.db.update(jobs).set({ nextRunAt: later, lockedUntil: null }).where(eq(jobs.name, def.name));
    const rerun = await runJobIfDue(t.db, def, { now: later, worker: "worker-e" });
    expect(rerun?.result).toMatchObject({ drafted: false });
    const days = await t.db.select().from(payoutBatches).where(eq(payoutBatches.payoutDay, "2026-10-01"));
    expect(days).toHaveLength(1);
  });
});
