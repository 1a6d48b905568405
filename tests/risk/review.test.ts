import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as getReferral } from "@/app/api/v1/referrals/[id]/route";
import { GET as queue } from "@/app/api/v1/review/route";
import { POST as decide } from "@/app/api/v1/review/[id]/decision/route";
import { POST as approve } from "@/app/api/v1/rewards/[id]/approve/route";
import { POST as pay } from "@/app/api/v1/rewards/[id]/process-payment/route";
import { POST as bulk } from "@/app/api/v1/rewards/bulk-approve/route";
import { POST as batch } from "@/app/api/v1/payouts/route";
import { events, outbox, partners, referrals, rewards, riskSignals } from "@/db/schema";
import { referralUnderReview } from "@/lib/risk/partner-view";
import { reviewDecisionJson, reviewQueueJson } from "@/lib/risk/schemas";
import { call, type TestPartner } from "../helpers/http";
import { riskSuite } from "./risk-suite";

const suite = riskSuite({
  admin: true,
  person: (n) => ({
    firstName: "Rita",
    lastName: "Review",
    email: `rev-${count()}@example.com`,
    phone: `555${String(4_000_000 + n).slice(-7)}`,
    insuranceType: "AUTO",
  }),
  statuses: [200, 201],
  conversionValueCents: 80_000,
});
const { t, admin, key, next, count, freshIp, lead, rewardRow } = suite;
const convertOne = async (referralId: string) => (await suite.convertOne(referralId)).id;
/** Five leads from one IP through two partners: the fourth and fifth score 80 (velocity + shared identity). */
async function ring(a: TestPartner, b: TestPartner) {
  const ip = freshIp();
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await lead(i % 2 ? b : a, ip));
  return ids;
}
const decision = (id: string, body: Record<string, unknown>, headers = key) =>
  call(decide, "POST /api/v1/review/[id]/decision", { headers, params: { id }, body });

describe("GET /api/v1/review", () => {
  it("lists referrals with open signals by score, with evidence (lead masked, other partners named); partners get 403", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const ids = await ring(a, b);
    const res = await call(queue, "GET /api/v1/review", { headers: admin.headers, query: { pageSize: 100 } });
    expect(res.status).toBe(200);
    reviewQueueJson.parse(res.body);
    const scores = res.body.data.map((e: { score: number }) => e.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const top = res.body.data.find((e: { id: string }) => e.id === ids[4]);
    expect(top).toMatchObject({ subject: "referral", score: 80, held: true, partner: { id: a.partner.id } });
    expect(top.signals.map((s: { kind: string }) => s.kind).sort()).toEqual(["SHARED_IDENTITY", "VELOCITY"]);
    expect(top.otherPartners).toEqual([{ id: b.partner.id, name: `${b.partner.firstName} ${b.partner.lastName}` }]);
    expect(top.referral.lead).toMatchObject({
      name: "Rita R.",
      email: expect.stringMatching(/^r\*\*\*@example\.com$/),
    });
    expect(top.referral.lead.phone).toMatch(/^\*\*\*-\*\*\*-\d{4}$/);
    // The first lead from the address had nothing against it yet: not listed.
    expect(res.body.data.some((e: { id: string }) => e.id === ids[0])).toBe(false);
    expect((await call(queue, "GET /api/v1/review", { headers: a.headers })).status).toBe(403);
  });
});

describe("POST /api/v1/review/{id}/decision", () => {
  it("needs a reason and a known decision (400 naming the field); an id without open signals is 409, an unknown one 404", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const ids = await ring(a, b);
    const noReason = await decision(ids[4], { decision: "clear", reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(["reason"]);
    const bad = await decision(ids[4], { decision: "ignore", reason: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["decision"]);
    expect((await decision(ids[0], { decision: "clear", reason: "x" })).status).toBe(409);
    expect((await decision(crypto.randomUUID(), { decision: "clear", reason: "x" })).status).toBe(404);
    expect((await decision(ids[4], { decision: "clear", reason: "x" }, a.headers)).status).toBe(403);
  });

  it("clear: signals close, the held reward returns to the approval flow; audited and announced", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const ids = await ring(a, b);
    const rewardId = await convertOne(ids[4]);
    expect((await rewardRow(rewardId)).reviewHold).toBe(true);
    const res = await decision(ids[4], { decision: "clear", reason: "Shared office network, verified by phone" });
    expect(res.status).toBe(200);
    reviewDecisionJson.parse(res.body);
    expect(res.body).toMatchObject({ decision: "CLEAR", signalsClosed: 2, rewardsReleased: 1 });
    expect((await rewardRow(rewardId)).reviewHold).toBe(false);
    const ok = await call(approve, "POST /api/v1/rewards/[id]/approve", { headers: key, params: { id: rewardId } });
    expect(ok.status).toBe(200);
    const [ev] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, ids[4]), eq(events.action, "review.decided")));
    expect(ev.data).toMatchObject({ decision: "CLEAR", decisionReason: "Shared office network, verified by phone" });
    const hooks = await t.db.select().from(outbox).where(eq(outbox.eventType, "review.decided"));
    expect(hooks.some((h) => (h.payload as { data: { id: string } }).data.id === ids[4])).toBe(true);
    const flagged = await t.db.select().from(outbox).where(eq(outbox.eventType, "referral.flagged"));
    expect(flagged.some((h) => (h.payload as { data: { referralId: string } }).data.referralId === ids[4])).toBe(true);
    // Decided: off the queue.
    const q = await call(queue, "GET /api/v1/review", { headers: key, query: { pageSize: 100 } });
    expect(q.body.data.some((e: { id: string }) => e.id === ids[4])).toBe(false);
  });

  it("confirm fraud: the referral is REJECTED with FRAUD, an open reward cancelled, a paid one clawed back", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const ids = await ring(a, b);
    const heldReward = await convertOne(ids[4]);
    const res = await decision(ids[4], { decision: "confirm_fraud", reason: "Click farm" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ referralStatus: "REJECTED", rewardsCancelled: 1, clawbacks: 0 });
    const [r] = await t.db.select().from(referrals).where(eq(referrals.id, ids[4]));
    expect(r).toMatchObject({ status: "REJECTED", rejectionReason: "FRAUD" });
    expect(await rewardRow(heldReward)).toMatchObject({ status: "CANCELLED", cancelReason: "FRAUD" });

    // A referral under the threshold (a throwaway address, 30) was paid before anyone looked.
    const paidRef = await lead(a, freshIp(), `late-${next()}@mailinator.com`);
    const paidReward = await convertOne(paidRef);
    expect((await rewardRow(paidReward)).reviewHold).toBe(false);
    expect(
      (await call(approve, "POST /api/v1/rewards/[id]/approve", { headers: key, params: { id: paidReward } })).status,
    ).toBe(200);
    expect(
      (
        await call(pay, "POST /api/v1/rewards/[id]/process-payment", {
          headers: key,
          params: { id: paidReward },
          body: { paymentMethod: "PAYPAL", transactionId: `PP-${next()}` },
        })
      ).status,
    ).toBe(201);
    const late = await decision(paidRef, { decision: "confirm_fraud", reason: "Burner identity" });
    expect(late.body).toMatchObject({ rewardsCancelled: 0, clawbacks: 1 });
    const claws = await t.db
      .select()
      .from(rewards)
      .where(and(eq(rewards.partnerId, a.partner.id), eq(rewards.type, "CLAWBACK")));
    expect(claws).toHaveLength(1);
    expect(claws[0]).toMatchObject({ amountCents: -8_000, status: "CALCULATED" });
  });

  it("escalate: the partner is suspended with the reason and every open reward held, even an approved one; none enters a payout", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const honest = await convertOne(await lead(a, freshIp()));
    expect(
      (await call(approve, "POST /api/v1/rewards/[id]/approve", { headers: key, params: { id: honest } })).status,
    ).toBe(200);
    const pending = await convertOne(await lead(a, freshIp()));
    const ids = await ring(a, b);
    const res = await decision(ids[4], { decision: "escalate", reason: "Ring across partners" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ partnerStatus: "SUSPENDED", rewardsHeld: 2 });
    const [p] = await t.db.select().from(partners).where(eq(partners.id, a.partner.id));
    expect(p).toMatchObject({ status: "SUSPENDED", statusReason: "Your account is under review by the program team" });
    expect(await rewardRow(honest)).toMatchObject({ status: "APPROVED", reviewHold: true });
    expect(await rewardRow(pending)).toMatchObject({ status: "CALCULATED", reviewHold: true });
    // Reactivated, the partner's approved reward still waits for the review.
    await t.db.update(partners).set({ status: "ACTIVE" }).where(eq(partners.id, a.partner.id));
    await call(batch, "POST /api/v1/payouts", { headers: key, body: { minimumCents: 0 } });
    expect((await rewardRow(honest)).payoutId).toBeNull();
    // The partner is now on the queue; clearing it releases both.
    const q = await call(queue, "GET /api/v1/review", { headers: key, query: { pageSize: 100 } });
    const entry = q.body.data.find(
      (e: { subject: string; id: string }) => e.subject === "partner" && e.id === a.partner.id,
    );
    expect(entry.signals.map((s: { kind: string }) => s.kind)).toEqual(["PARTNER_REVIEW"]);
    expect(entry.rewards).toHaveLength(2);
    expect((await decision(a.partner.id, { decision: "confirm_fraud", reason: "x" })).status).toBe(409);
    const cleared = await decision(a.partner.id, { decision: "clear", reason: "Explained: one household" });
    expect(cleared.body).toMatchObject({ subject: "partner", rewardsReleased: 2 });
    expect((await rewardRow(honest)).reviewHold).toBe(false);
  });
});

describe("decisions racing bulk approval", () => {
  it("an escalation racing approve-all-matching: nothing of the partner enters the next payout", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const plain: string[] = [];
    for (let i = 0; i < 6; i++) plain.push(await convertOne(await lead(a, freshIp())));
    const ids = await ring(a, b);
    const bulkAll = () =>
      call(bulk, "POST /api/v1/rewards/bulk-approve", {
        headers: key,
        body: { filter: { partnerId: a.partner.id } },
      });
    const [, esc] = await Promise.all([
      bulkAll(),
      decision(ids[4], { decision: "escalate", reason: "race" }),
      bulkAll(),
    ]);
    expect(esc.status).toBe(200);
    for (const id of plain) expect((await rewardRow(id)).reviewHold).toBe(true);
    await t.db.update(partners).set({ status: "ACTIVE" }).where(eq(partners.id, a.partner.id));
    await call(batch, "POST /api/v1/payouts", { headers: key, body: { minimumCents: 0 } });
    for (const id of plain) expect((await rewardRow(id)).payoutId).toBeNull();
    const open = await t.db
      .select()
      .from(riskSignals)
      .where(and(eq(riskSignals.partnerId, a.partner.id), eq(riskSignals.kind, "PARTNER_REVIEW")));
    expect(open).toHaveLength(1);
  });
});

describe("what the partner sees", () => {
  it("a neutral 'under review' while held, never the signals, the score or the review in its timeline", async () => {
    const a = await t.partner();
    const b = await t.partner();
    const ids = await ring(a, b);
    const rewardId = await convertOne(ids[4]);
    const [r] = await t.db.select().from(referrals).where(eq(referrals.id, ids[4]));
    expect(await referralUnderReview(t.db, r)).toBe(true);
    expect(await referralUnderReview(t.db, { ...r, id: ids[0] })).toBe(false);
    await decision(ids[4], { decision: "escalate", reason: "Ring seen by the analyst" });
    const seen = await call(getReferral, "GET /api/v1/referrals/[id]", { headers: a.headers, params: { id: ids[4] } });
    expect(seen.status).toBe(200);
    const text = JSON.stringify(seen.body);
    for (const word of ["VELOCITY", "SHARED_IDENTITY", "score", "signal", "review.decided", "Ring seen by the analyst"])
      expect(text).not.toContain(word);
    expect(seen.body.rewards.map((w: { id: string }) => w.id)).toEqual([rewardId]);
    // Cleared, the note goes away.
    await decision(a.partner.id, { decision: "clear", reason: "ok" });
    const [after] = await t.db.select().from(referrals).where(eq(referrals.id, ids[4]));
    expect(await referralUnderReview(t.db, after)).toBe(false);
    // A rejected referral is never "under review".
    const dupe = await lead(b, freshIp(), `rev-${count()}@example.com`);
    const [rejected] = await t.db.select().from(referrals).where(eq(referrals.id, dupe));
    expect(rejected.status).toBe("REJECTED");
    expect(await referralUnderReview(t.db, rejected)).toBe(false);
  });
});
