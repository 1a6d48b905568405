import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as approve from "@/app/api/v1/rewards/[id]/approve/route";
import * as cancel from "@/app/api/v1/rewards/[id]/cancel/route";
import * as payment from "@/app/api/v1/rewards/[id]/process-payment/route";
import * as one from "@/app/api/v1/rewards/[id]/route";
import * as bulk from "@/app/api/v1/rewards/bulk-approve/route";
import * as paymentByBody from "@/app/api/v1/rewards/process-payment/route";
import * as list from "@/app/api/v1/rewards/route";
import * as stats from "@/app/api/v1/rewards/statistics/route";
import { payouts, rewards } from "@/db/schema";
import { bulkApproveJson, paymentJson, rewardJson } from "@/lib/api/response-schemas";
import { futureDays, insertReward, rowCounts } from "../helpers/api-fixtures";
import { call, apiSuite, bound, boundQuery, byId } from "../helpers/http";

describe("REST API: rewards", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 2 });
  const [a, b] = testPartners;

  const counts = () => rowCounts(t.db, { rewards, payouts });
  const statusOf = async (id: string) =>
    (await t.db.select({ s: rewards.status }).from(rewards).where(eq(rewards.id, id)))[0].s;

  it("POST makes manual rewards (admins): bonus as given, clawback stored negative; bad input writes nothing", async () => {
    const createReward = bound(list.POST, "POST /api/v1/rewards");
    const bonus = await createReward(admin.headers, {
      partnerId: a.partner.id,
      type: "bonus",
      amountCents: 5_000,
      reason: "Q3 bonus",
    });
    expect(bonus.status).toBe(201);
    expect(bonus.body).toMatchObject({
      partnerId: a.partner.id,
      type: "BONUS",
      status: "CALCULATED",
      amountCents: 5_000,
      currency: "USD",
      reason: "Q3 bonus",
    });
    const claw = await createReward(admin.headers, {
      partnerId: a.partner.id,
      type: "CLAWBACK",
      amountCents: 500,
      reason: "chargeback",
    });
    expect(claw.body.amountCents).toBe(-500);
    rewardJson.parse(bonus.body);
    const before = await counts();
    const bad: [unknown, number][] = [
      [{ partnerId: a.partner.id, type: "GIFT", amountCents: 5, reason: "x" }, 400],
      [{ partnerId: a.partner.id, type: "BONUS", amountCents: 1.5, reason: "x" }, 400],
      [{ partnerId: a.partner.id, type: "BONUS", amountCents: 0, reason: "x" }, 400],
      [{ partnerId: a.partner.id, type: "BONUS", amountCents: -5, reason: "x" }, 400],
      [{ partnerId: a.partner.id, type: "BONUS", amountCents: 5 }, 400],
      [{ partnerId: randomUUID(), type: "BONUS", amountCents: 5, reason: "x" }, 400],
      [{ partnerId: a.partner.id, type: "BONUS", amountCents: 5, reason: "x", status: "PAID" }, 400],
    ];
    for (const [body, status] of bad)
      expect((await createReward(admin.headers, body)).status, JSON.stringify(body)).toBe(status);
    const selfService = { partnerId: a.partner.id, type: "BONUS", amountCents: 5, reason: "self-service" };
    expect((await createReward(a.headers, selfService)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("GET lists and reads are scoped: a partner sees its own, another's id → 404", async () => {
    const getReward = byId(one.GET, "GET /api/v1/rewards/[id]");
    const w = await insertReward(t.db, b.partner.id);
    const mine = await call(list.GET, "GET /api/v1/rewards", { headers: a.headers, query: { status: "calculated" } });
    expect(mine.status).toBe(200);
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((r: { partnerId: string }) => r.partnerId === a.partner.id)).toBe(true);
    expect((await getReward(w.id, a.headers)).status).toBe(404);
    expect((await getReward(w.id, b.headers)).body).toMatchObject({ id: w.id, amountCents: 10_000 });
    expect(
      (await call(list.GET, "GET /api/v1/rewards", { headers: admin.headers, query: { pageSize: 500 } })).status,
    ).toBe(400);
  });

  it("PATCH edits a reward's description and hold (admins), never its status or a settled reward", async () => {
    const patchReward = byId(one.PATCH, "PATCH /api/v1/rewards/[id]");
    const w = await insertReward(t.db, a.partner.id);
    const hold = "2030-01-01T00:00:00.000Z";
    const res = await patchReward(w.id, admin.headers, { reason: "under review", holdUntil: hold });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reason: "under review", holdUntil: hold, status: "CALCULATED" });
    expect((await patchReward(w.id, admin.headers, { status: "APPROVED" })).status).toBe(400);
    expect((await patchReward(w.id, admin.headers, { holdUntil: "soon" })).status).toBe(400);
    expect((await patchReward(w.id, a.headers, { reason: "mine" })).status).toBe(403);
    const paid = await insertReward(t.db, a.partner.id, { status: "PAID" });
    const settled = await patchReward(paid.id, admin.headers, { reason: "rewrite history" });
    expect([settled.status, settled.body.currentStatus]).toEqual([409, "PAID"]);
  });

  it("approve respects the hold unless overridden with a reason; cancel needs a reason", async () => {
    const approveReward = byId(approve.POST, "POST /api/v1/rewards/[id]/approve");
    const cancelReward = byId(cancel.POST, "POST /api/v1/rewards/[id]/cancel");
    const due = await insertReward(t.db, a.partner.id, { holdUntil: new Date(Date.now() - 1000) });
    const ok = await approveReward(due.id, admin.headers);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "APPROVED", approvalOverrideReason: null });
    const twice = await approveReward(due.id, admin.headers);
    expect([twice.status, twice.body.currentStatus]).toEqual([409, "APPROVED"]);

    const held = await insertReward(t.db, a.partner.id, { holdUntil: futureDays(14) });
    expect((await approveReward(held.id, admin.headers, {})).status).toBe(409);
    expect((await approveReward(held.id, admin.headers, { override: true })).status).toBe(400);
    expect(await statusOf(held.id)).toBe("CALCULATED");
    const forced = await approveReward(held.id, admin.headers, { override: true, reason: "verified policy issued" });
    expect(forced.body).toMatchObject({ status: "APPROVED", approvalOverrideReason: "verified policy issued" });

    const c = await insertReward(t.db, a.partner.id);
    expect((await cancelReward(c.id, admin.headers, {})).status).toBe(400);
    const cancelled = await cancelReward(c.id, admin.headers, { reason: "policy cancelled in free-look" });
    expect(cancelled.body).toMatchObject({ status: "CANCELLED", cancelReason: "policy cancelled in free-look" });
    const again = await cancelReward(c.id, admin.headers, { reason: "again" });
    expect([again.status, again.body.currentStatus]).toEqual([409, "CANCELLED"]);
  });

  it("process-payment pays once per transaction id; both door forms; conflicts and bad input write nothing", async () => {
    const payReward = byId(payment.POST, "POST /api/v1/rewards/[id]/process-payment");
    const payByBody = bound(paymentByBody.POST, "POST /api/v1/rewards/process-payment");
    const w1 = await insertReward(t.db, a.partner.id, { status: "APPROVED", amountCents: 7_500 });
    const w2 = await insertReward(t.db, a.partner.id, { status: "APPROVED" });
    const body = { paymentMethod: "paypal", transactionId: "PP-1" };
    const first = await payReward(w1.id, admin.headers, body);
    expect(first.status).toBe(201);
    paymentJson.parse(first.body);
    expect(first.body.payout).toMatchObject({
      status: "PAID",
      amountCents: 7_500,
      paymentMethod: "PAYPAL",
      transactionId: "PP-1",
    });
    const before = await counts();
    const replay = await payByBody(admin.headers, { rewardId: w1.id, ...body });
    expect(replay.status).toBe(200);
    expect(replay.body.payout.id).toBe(first.body.payout.id);
    expect((await payReward(w2.id, admin.headers, body)).status).toBe(409);
    for (const bad of [
      { paymentMethod: "CASH", transactionId: "X" },
      { paymentMethod: "CHECK" },
      { paymentMethod: "CHECK", transactionId: "" },
      { paymentMethod: "CHECK", transactionId: "X", amount: 5 },
    ])
      expect((await payReward(w2.id, admin.headers, bad)).status, JSON.stringify(bad)).toBe(400);
    expect((await payByBody(admin.headers, { paymentMethod: "CHECK", transactionId: "C-1" })).status).toBe(400);
    const held = await insertReward(t.db, a.partner.id, { holdUntil: futureDays(3) });
    expect((await payReward(held.id, admin.headers, { paymentMethod: "CHECK", transactionId: "C-2" })).status).toBe(
      409,
    );
    expect(await counts()).toEqual({ ...before, rewards: before.rewards + 1 });
    expect(await statusOf(w2.id)).toBe("APPROVED");
    expect(await statusOf(held.id)).toBe("CALCULATED");
  });

  it("bulk-approve by ids answers per id; by filter answers counts; any other body shape is refused", async () => {
    const bulkApprove = bound(bulk.POST, "POST /api/v1/rewards/bulk-approve");
    const p = await t.partner();
    const due = await insertReward(t.db, p.partner.id);
    const held = await insertReward(t.db, p.partner.id, { holdUntil: futureDays(10) });
    const paid = await insertReward(t.db, p.partner.id, { status: "PAID" });
    const ghost = randomUUID();
    const res = await bulkApprove(admin.headers, { rewardIds: [due.id, held.id, paid.id, ghost] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: due.id, result: "approved" },
      { id: held.id, result: "skipped", reason: "ON_HOLD" },
      { id: paid.id, result: "skipped", reason: "STATUS_PAID" },
      { id: ghost, result: "skipped", reason: "NOT_FOUND" },
    ]);
    for (let i = 0; i < 3; i++) await insertReward(t.db, p.partner.id);
    const byFilter = await bulkApprove(admin.headers, { filter: { partnerId: p.partner.id, status: "calculated" } });
    expect(byFilter.body).toEqual({ approved: 3, skipped: 1, remaining: 0 });
    bulkApproveJson.parse(byFilter.body);
    bulkApproveJson.parse(res.body);
    const forced = await bulkApprove(admin.headers, {
      filter: { partnerId: p.partner.id, status: "CALCULATED" },
      override: true,
      reason: "audited",
    });
    expect(forced.body).toEqual({ approved: 1, skipped: 0, remaining: 0 });
    for (const body of [
      {},
      { rewardIds: [due.id], filter: {} },
      { rewardIds: [] },
      { rewardIds: Array.from({ length: 1001 }, () => randomUUID()) },
      { filter: {}, override: true },
      { filter: { colour: "red" } },
    ])
      expect((await bulkApprove(admin.headers, body)).status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect((await bulkApprove(a.headers, { rewardIds: [due.id] })).status).toBe(403);
  });

  it("statistics are scoped to the partner and agree with the rows", async () => {
    const statistics = boundQuery(stats.GET, "GET /api/v1/rewards/statistics");
    const sumOf = async (partnerId?: string) => {
      const rows = await t.db
        .select()
        .from(rewards)
        .where(partnerId ? eq(rewards.partnerId, partnerId) : undefined);
      return { count: rows.length, amountCents: rows.reduce((s, r) => s + (r.amountCents ?? 0), 0) };
    };
    const total = (body: { byStatus: Record<string, { count: number; amountCents: number }> }) =>
      Object.values(body.byStatus).reduce(
        (s, v) => ({ count: s.count + v.count, amountCents: s.amountCents + v.amountCents }),
        { count: 0, amountCents: 0 },
      );
    const mine = await statistics(b.headers, { from: "2026-01-01" });
    expect(mine.status).toBe(200);
    expect(total(mine.body)).toEqual(await sumOf(b.partner.id));
    const all = await statistics(admin.headers, { from: "2026-01-01" });
    expect(total(all.body)).toEqual(await sumOf());
    expect((await statistics(admin.headers, { to: "2020-01-01", from: "2021-01-01" })).status).toBe(400);
  });
});
