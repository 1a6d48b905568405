import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, payouts, referrals, rewards, settings } from "@/db/schema";
import { REWARD_STATUSES, type RewardStatus } from "@/db/schema/enums";
import { captureLead } from "@/lib/leads/service";
import { processConversion } from "@/lib/referrals/service";
import { REWARD_TRANSITIONS } from "@/lib/referrals/transitions";
import { bulkApproveSchema, manualRewardSchema } from "@/lib/rewards/schemas";
import {
  approveReward,
  bulkApproveRewards,
  cancelReward,
  createManualReward,
  processPayment,
} from "@/lib/rewards/service";
import { dbSuite } from "../helpers/db";
import { admin, expectRefusedTransition, leadBody, newPartner, rejects, visitor } from "./helpers";

const t = dbSuite();

const day = 86_400_000;
let txn = 0;
const pay = (id: string, o: Partial<{ paymentMethod: "BANK_TRANSFER" | "PAYPAL"; transactionId: string }> = {}) =>
  processPayment(t.db, id, { paymentMethod: "BANK_TRANSFER", transactionId: `TXN-${++txn}`, ...o }, admin);

/** A converted referral with its CALCULATED reward (value 1000.00 at the default 10 %). */
async function calculatedReward(partner?: Awaited<ReturnType<typeof newPartner>>) {
  const p = partner ?? (await newPartner(t.db));
  const { referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), {
    actor: visitor,
    channel: "FORM",
  });
  const { reward } = await processConversion(t.db, referral!.id, { conversionValue: "1000.00" }, admin);
  return { partner: p, referral: referral!, reward };
}

async function rewardIn(status: RewardStatus) {
  const r = await calculatedReward();
  if (status === "PENDING")
    await t.db.update(rewards).set({ status, amountCents: null }).where(eq(rewards.id, r.reward.id));
  else if (status !== "CALCULATED") await t.db.update(rewards).set({ status }).where(eq(rewards.id, r.reward.id));
  return r;
}

describe("reward transitions (table)", () => {
  const ops = {
    APPROVED: (id: string) => approveReward(t.db, id, {}, admin),
    CANCELLED: (id: string) => cancelReward(t.db, id, { reason: "Policy cancelled in free look" }, admin),
    // process-payment also accepts a CALCULATED reward past its hold (approve + pay in one step).
    PAID: (id: string) => pay(id),
  };
  const allowed = (from: RewardStatus, to: keyof typeof ops) =>
    REWARD_TRANSITIONS[from].includes(to) || (to === "PAID" && from === "CALCULATED");
  const cases = REWARD_STATUSES.flatMap((from) =>
    (Object.keys(ops) as (keyof typeof ops)[]).map((to) => [from, to, allowed(from, to)] as const),
  );
  const statusOf = async (id: string) => (await t.db.select().from(rewards).where(eq(rewards.id, id)))[0].status;
  it.each(cases)("%s → %s allowed=%s", async (from, to, ok) => {
    const { reward } = await rewardIn(from);
    if (ok) {
      await ops[to](reward.id);
      expect(await statusOf(reward.id)).toBe(to);
      const evs = await t.db
        .select()
        .from(events)
        .where(and(eq(events.entityId, reward.id), eq(events.toStatus, to)));
      expect(evs).toHaveLength(1);
    } else await expectRefusedTransition(ops[to](reward.id), from, () => statusOf(reward.id));
  });
});

describe("hold and override", () => {
  it("refuses approval during the hold unless overridden with a reason, which is recorded", async () => {
    await t.db.update(settings).set({ holdDays: 30 });
    const { reward } = await calculatedReward();
    await t.db.update(settings).set({ holdDays: 0 });
    expect(reward.holdUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * day);
    const e = await rejects(approveReward(t.db, reward.id, {}, admin));
    expect(e.code).toBe("invalid_state");
    expect(e.message).toMatch(/hold/);
    expect(await rejects(approveReward(t.db, reward.id, { override: true }, admin))).toMatchObject({
      code: "validation",
    });
    expect(await rejects(pay(reward.id))).toMatchObject({ code: "invalid_state" });
    const ok = await approveReward(t.db, reward.id, { override: true, reason: "Carrier confirmed the policy" }, admin);
    expect(ok).toMatchObject({
      status: "APPROVED",
      approvalOverrideReason: "Carrier confirmed the policy",
      approvedBy: admin.id,
    });
    const [ev] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, reward.id), eq(events.action, "reward.approved")));
    expect(ev.data).toMatchObject({ override: true, reason: "Carrier confirmed the policy" });
  });
});

describe("bulkApproveRewards", () => {
  it("answers per id: approved, or skipped with a reason", async () => {
    const a = await calculatedReward();
    const b = await calculatedReward();
    const paid = await rewardIn("PAID");
    await t.db
      .update(rewards)
      .set({ holdUntil: new Date(Date.now() + 5 * day) })
      .where(eq(rewards.id, b.reward.id));
    const input = bulkApproveSchema.parse({
      rewardIds: [
        a.reward.id,
        b.reward.id,
        paid.reward.id,
        "7d1f2c1e-0000-4000-8000-000000000000",
        "junk",
        a.reward.id,
      ],
    });
    const out = (await bulkApproveRewards(t.db, { rewardIds: input.rewardIds! }, {}, admin)) as {
      results: { id: string; result: string; reason?: string }[];
    };
    expect(out.results).toEqual([
      { id: a.reward.id, result: "approved" },
      { id: b.reward.id, result: "skipped", reason: "ON_HOLD" },
      { id: paid.reward.id, result: "skipped", reason: "STATUS_PAID" },
      { id: "7d1f2c1e-0000-4000-8000-000000000000", result: "skipped", reason: "NOT_FOUND" },
      { id: "junk", result: "skipped", reason: "NOT_FOUND" },
    ]);
    const over = (await bulkApproveRewards(
      t.db,
      { rewardIds: [b.reward.id] },
      { override: true, reason: "Early release" },
      admin,
    )) as { results: { result: string }[] };
    expect(over.results[0].result).toBe("approved");
    const [row] = await t.db.select().from(rewards).where(eq(rewards.id, b.reward.id));
    expect(row.approvalOverrideReason).toBe("Early release");
  });
  it("approves by filter in chunks of 10,000 with counts", async () => {
    const p = await newPartner(t.db);
    await t.db.execute(sql`
      insert into rewards (partner_id, type, amount_cents, status, hold_until, created_by)
      select ${p.id}, 'BONUS', 100, 'CALCULATED', now() - interval '1 day', 'bulk-test' from generate_series(1, 10005)`);
    await t.db.execute(sql`
      insert into rewards (partner_id, type, amount_cents, status, hold_until, created_by)
      select ${p.id}, 'BONUS', 100, 'CALCULATED', now() + interval '9 days', 'bulk-test' from generate_series(1, 3)`);
    const filter = bulkApproveSchema.parse({ filter: { status: "calculated", partnerId: p.id } }).filter!;
    const first = await bulkApproveRewards(t.db, { filter }, {}, admin);
    expect(first).toEqual({ approved: 10000, skipped: 3, remaining: 5 });
    const second = await bulkApproveRewards(t.db, { filter }, {}, admin);
    expect(second).toEqual({ approved: 5, skipped: 3, remaining: 0 });
    const [{ n }] = (await t.db.execute(
      sql`select count(*)::int as n from events where action = 'reward.approved' and data->>'bulk' = 'true'`,
    )) as unknown as { n: number }[];
    expect(n).toBeGreaterThanOrEqual(10005);
  }, 120_000); // 10,008 rewards and as many audit events
  it("validates the body shape", () => {
    expect(bulkApproveSchema.safeParse({}).success).toBe(false);
    expect(bulkApproveSchema.safeParse({ rewardIds: ["a"], filter: {} }).success).toBe(false);
    expect(bulkApproveSchema.safeParse({ rewardIds: Array(1001).fill("a") }).success).toBe(false);
    expect(bulkApproveSchema.safeParse({ rewardIds: ["a"], override: true }).success).toBe(false);
    expect(bulkApproveSchema.safeParse({ filter: { status: "nope" } }).success).toBe(false);
  });
});

describe("processPayment", () => {
  it("pays an approved reward through a one-reward payout, referral → PAID; replays the same transaction id", async () => {
    const { reward, referral } = await calculatedReward();
    await approveReward(t.db, reward.id, {}, admin);
    const first = await pay(reward.id, { transactionId: "TXN-12345" });
    expect(first).toMatchObject({
      replayed: false,
      reward: { status: "PAID", transactionId: "TXN-12345" },
      payout: { status: "PAID", amountCents: 10000, rewardCount: 1 },
    });
    const again = await pay(reward.id, { transactionId: "TXN-12345" });
    expect(again).toMatchObject({ replayed: true, payout: { id: first.payout.id } });
    const [ref] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(ref.status).toBe("PAID");
    const other = await calculatedReward();
    expect(await rejects(pay(other.reward.id, { transactionId: "TXN-12345" }))).toMatchObject({ code: "conflict" });
    expect(await rejects(pay(reward.id, { transactionId: "TXN-99999" }))).toMatchObject({ code: "invalid_state" });
  });
  it("20 concurrent payments of one reward: exactly one succeeds", async () => {
    const { reward } = await calculatedReward();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => pay(reward.id, { transactionId: `STORM-${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const ps = await t.db
      .select()
      .from(payouts)
      .where(sql`${payouts.transactionId} like 'STORM-%'`);
    expect(ps).toHaveLength(1);
    const paidEvents = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, reward.id), eq(events.action, "reward.paid")));
    expect(paidEvents).toHaveLength(1);
    const same = await calculatedReward();
    const replays = await Promise.all(
      Array.from({ length: 20 }, () => pay(same.reward.id, { transactionId: "SAME-TXN" })),
    );
    expect(replays.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(replays.map((r) => r.payout.id)).size).toBe(1);
  });
});

describe("manual rewards", () => {
  it("creates bonuses and negative clawbacks with a reason; refuses negative bonuses and non-admins", async () => {
    const p = await newPartner(t.db);
    const bonus = await createManualReward(
      t.db,
      manualRewardSchema.parse({ partnerId: p.id, type: "bonus", amountCents: 2500, reason: "Q4 contest" }),
      admin,
    );
    expect(bonus).toMatchObject({ type: "BONUS", amountCents: 2500, status: "CALCULATED", reason: "Q4 contest" });
    const claw = await createManualReward(
      t.db,
      manualRewardSchema.parse({ partnerId: p.id, type: "CLAWBACK", amountCents: 1500, reason: "Chargeback" }),
      admin,
    );
    expect(claw.amountCents).toBe(-1500);
    expect(
      await rejects(createManualReward(t.db, { partnerId: p.id, type: "BONUS", amountCents: -5, reason: "x" }, admin)),
    ).toMatchObject({ code: "validation" });
    expect(
      await rejects(
        createManualReward(
          t.db,
          { partnerId: p.id, type: "BONUS", amountCents: 5, reason: "x" },
          { type: "USER", id: "u", role: "PARTNER" },
        ),
      ),
    ).toMatchObject({ code: "forbidden" });
  });
});
