import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as approve } from "@/app/api/v1/rewards/[id]/approve/route";
import { POST as pay } from "@/app/api/v1/rewards/[id]/process-payment/route";
import { POST as bulk } from "@/app/api/v1/rewards/bulk-approve/route";
import { POST as batch } from "@/app/api/v1/payouts/route";
import { rewards } from "@/db/schema";
import { call, type TestPartner } from "../helpers/http";
import { riskSuite } from "./risk-suite";

/** Rewards of referrals scored at or above the threshold are held for review, whatever door asks. */
const { t, key, next, freshIp, lead, convertOne, rewardRow } = riskSuite({
  person: (n) => ({ firstName: "Hel", lastName: "D", email: `held-${n}@example.com`, insuranceType: "HOME" }),
  conversionValueCents: 50_000,
});

/** One IP through two partners: the last referrals carry velocity and shared identity (score 80 ≥ 50). */
async function ring(a: TestPartner, b: TestPartner, size = 5) {
  const ip = freshIp();
  const ids: string[] = [];
  for (let i = 0; i < size; i++) ids.push(await lead(i % 2 ? b : a, ip));
  return ids;
}

describe("held for review", () => {
  let a: TestPartner;
  let b: TestPartner;
  let held: { id: string };
  let honest: { id: string };
  beforeAll(async () => {
    a = await t.partner();
    b = await t.partner();
    const ids = await ring(a, b);
    held = await convertOne(ids[4]);
    honest = await convertOne(await lead(a, freshIp()));
  });

  it("a flagged referral's reward is created held; an honest one is not", async () => {
    expect(await rewardRow(held.id)).toMatchObject({ status: "CALCULATED", reviewHold: true });
    expect(await rewardRow(honest.id)).toMatchObject({ status: "CALCULATED", reviewHold: false });
  });

  it("cannot be approved one by one, not even with an override", async () => {
    for (const body of [{}, { override: true, reason: "looks fine" }]) {
      const res = await call(approve, "POST /api/v1/rewards/[id]/approve", {
        headers: key,
        params: { id: held.id },
        body,
      });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/fraud review/);
    }
    expect((await rewardRow(held.id)).status).toBe("CALCULATED");
  });

  it("cannot be paid on its own", async () => {
    const res = await call(pay, "POST /api/v1/rewards/[id]/process-payment", {
      headers: key,
      params: { id: held.id },
      body: { paymentMethod: "PAYPAL", transactionId: `T-${next()}` },
    });
    expect(res.status).toBe(409);
    expect((await rewardRow(held.id)).status).toBe("CALCULATED");
  });

  it("bulk approval by ids skips it as UNDER_REVIEW (override or not); by filter it stays", async () => {
    const byIds = await call(bulk, "POST /api/v1/rewards/bulk-approve", {
      headers: key,
      body: { rewardIds: [held.id], override: true, reason: "bulk" },
    });
    expect(byIds.status).toBe(200);
    expect(byIds.body.results).toEqual([{ id: held.id, result: "skipped", reason: "UNDER_REVIEW" }]);
    for (const override of [false, true]) {
      const res = await call(bulk, "POST /api/v1/rewards/bulk-approve", {
        headers: key,
        body: { filter: { partnerId: b.partner.id }, ...(override ? { override, reason: "all of them" } : {}) },
      });
      expect(res.status).toBe(200);
      expect(res.body.approved).toBe(0);
    }
    expect((await rewardRow(held.id)).status).toBe("CALCULATED");
    const honestBulk = await call(bulk, "POST /api/v1/rewards/bulk-approve", {
      headers: key,
      body: { filter: { partnerId: a.partner.id } },
    });
    expect(honestBulk.body.approved).toBe(1);
    expect((await rewardRow(honest.id)).status).toBe("APPROVED");
  });

  it("never enters a payout batch", async () => {
    const res = await call(batch, "POST /api/v1/payouts", { headers: key, body: { minimumCents: 0 } });
    expect([200, 201]).toContain(res.status);
    expect((await rewardRow(held.id)).payoutId).toBeNull();
    expect((await rewardRow(honest.id)).payoutId).not.toBeNull();
  });
});

describe("under concurrency with bulk approval", () => {
  it("held rewards are never approved while bulk approvals and overrides race the conversions that create them", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const ringIds = await ring(a, b, 8); // referrals 4..8 are flagged
    const flagged = ringIds.slice(3);
    const plain: string[] = [];
    for (let i = 0; i < 5; i++) plain.push(await lead(a, freshIp()));
    const bulkAll = () =>
      call(bulk, "POST /api/v1/rewards/bulk-approve", {
        headers: key,
        body: { filter: { status: ["CALCULATED"] }, override: true, reason: "race" },
      });
    const results = await Promise.all([
      ...flagged.map((id) => convertOne(id)),
      ...plain.map((id) => convertOne(id)),
      bulkAll(),
      bulkAll(),
      bulkAll(),
    ]);
    const heldIds = (results.slice(0, flagged.length) as { id: string }[]).map((r) => r.id);
    await Promise.all([
      bulkAll(),
      ...heldIds.map((id) =>
        call(approve, "POST /api/v1/rewards/[id]/approve", {
          headers: key,
          params: { id },
          body: { override: true, reason: "race" },
        }),
      ),
      bulkAll(),
    ]);
    for (const id of heldIds) expect(await rewardRow(id)).toMatchObject({ status: "CALCULATED", reviewHold: true });
    const approvedPlain = await t.db
      .select()
      .from(rewards)
      .where(and(eq(rewards.partnerId, a.partner.id), eq(rewards.reviewHold, false)));
    expect(approvedPlain.map((r) => r.status)).toEqual(plain.map(() => "APPROVED"));
  });
});
