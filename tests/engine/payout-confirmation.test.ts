import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, outbox, payouts, rewards } from "@/db/schema";
import { captureLead } from "@/lib/leads/service";
import { batchTransactionId, markBatchPaid } from "@/lib/payouts/batch-payment";
import { applyPaymentConfirmation, previewPaymentConfirmation } from "@/lib/payouts/confirmation";
import { parseConfirmationCsv } from "@/lib/payouts/confirmation-csv";
import { createPayoutBatch } from "@/lib/payouts/service";
import { processConversion } from "@/lib/referrals/service";
import { approveReward } from "@/lib/rewards/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, rejects, visitor } from "./helpers";

const t = dbSuite();

/** A batch of one PENDING payout per new partner, each over the minimum. */
async function batchOf(n: number) {
  const ps = [];
  for (let i = 0; i < n; i++) {
    const p = await newPartner(t.db, { minimumPayoutCents: 0 });
    const { referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), {
      actor: visitor,
      channel: "FORM",
    });
    const { reward } = await processConversion(t.db, referral!.id, { conversionValue: "500.00" }, admin);
    await approveReward(t.db, reward.id, {}, admin);
    ps.push(p);
  }
  const { batchId, payouts: made } = await createPayoutBatch(t.db, { partnerIds: ps.map((p) => p.id) }, admin);
  expect(made).toHaveLength(n);
  return { batchId, ids: made.map((p) => p.id) };
}

const eventsFor = (ids: string[], action: string) =>
  t.db
    .select()
    .from(events)
    .where(and(inArray(events.entityId, ids), eq(events.action, action)));
const outboxFor = async (ids: string[], type: string) =>
  (
    await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, "webhook"), eq(outbox.eventType, type)))
  ).filter((o) => ids.includes((o.payload as { data: { id: string } }).data.id));

describe("the bank's confirmation file", () => {
  it("names every bad row and refuses a file without the needed columns", () => {
    expect(parseConfirmationCsv("id;amount\n1;2")).toMatchObject({ ok: false });
    expect(parseConfirmationCsv("payout_id,status\n")).toEqual({
      ok: false,
      problem: "The file has a header but no rows.",
    });
    const id = "0b9c6f1e-4a47-4f0a-9a59-8d1c4e5f6a7b";
    const res = parseConfirmationCsv(
      [
        "Payout ID,Status,Transaction ID,Failure reason",
        "nope,PAID,T1,",
        `${id},paid,,`,
        `${id},FAILED,,`,
        `${id},SENT,T3,`,
        `${id},PAID,T4,`,
        `${id},PAID,T5,`,
      ].join("\n"),
    );
    if (!res.ok) throw new Error(res.problem);
    expect(res.errors).toEqual([
      { line: 2, payoutId: "nope", message: '"nope" is not a payout id.' },
      { line: 3, payoutId: id, message: "A paid row needs the bank's transaction id." },
      { line: 4, payoutId: id, message: "A failed row needs the failure reason or a return code." },
      { line: 5, payoutId: id, message: 'The status "SENT" is not PAID, FAILED or RETURNED.' },
      { line: 7, payoutId: id, message: "This payout is already on line 6." },
    ]);
    expect(res.rows).toEqual([
      {
        line: 6,
        payoutId: id,
        traceNumber: null,
        status: "PAID",
        transactionId: "T4",
        failureReason: null,
        paymentMethod: null,
      },
    ]);
  });

  it("previews without writing, applies once, and a second apply changes nothing", async () => {
    const { ids } = await batchOf(3);
    const csv = [
      "payout_id,status,transaction_id,failure_reason",
      `${ids[0]},PAID,CONF-A,`,
      `${ids[1]},FAILED,,Account closed`,
      `${ids[2]},PAID,CONF-C,`,
      `00000000-0000-4000-8000-000000000000,PAID,CONF-X,`,
    ].join("\n");
    const preview = await previewPaymentConfirmation(t.db, csv);
    expect(preview.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "paid"],
      [3, "failed"],
      [4, "paid"],
      [5, "error"],
    ]);
    expect(preview.rows[3].message).toBe("No payout has this id.");
    expect((await t.db.select().from(payouts).where(inArray(payouts.id, ids))).map((p) => p.status)).toEqual([
      "PENDING",
      "PENDING",
      "PENDING",
    ]);

    const first = await applyPaymentConfirmation(t.db, csv, admin);
    expect(first.counts).toEqual({ paid: 2, failed: 1, unchanged: 0, error: 1 });
    const after = new Map((await t.db.select().from(payouts).where(inArray(payouts.id, ids))).map((p) => [p.id, p]));
    expect(after.get(ids[0])).toMatchObject({ status: "PAID", transactionId: "CONF-A" });
    expect(after.get(ids[1])).toMatchObject({ status: "FAILED", failureReason: "Account closed" });
    const released = await t.db
      .select()
      .from(rewards)
      .where(eq(rewards.partnerId, after.get(ids[1])!.partnerId));
    expect(released.map((r) => [r.status, r.payoutId])).toEqual([["APPROVED", null]]);

    const second = await applyPaymentConfirmation(t.db, csv, admin);
    expect(second.counts).toEqual({ paid: 0, failed: 0, unchanged: 3, error: 1 });
    expect(await eventsFor(ids, "payout.paid")).toHaveLength(2);
    expect(await eventsFor(ids, "payout.failed")).toHaveLength(1);
    expect(await outboxFor(ids, "payout.paid")).toHaveLength(2);
    expect(await outboxFor(ids, "payout.failed")).toHaveLength(1);

    // A row that contradicts what is recorded is refused, with what is recorded.
    const contra = await applyPaymentConfirmation(
      t.db,
      `payout_id,status,transaction_id\n${ids[0]},PAID,OTHER-ID\n${ids[1]},PAID,LATE`,
      admin,
    );
    expect(contra.rows.map((r) => r.message)).toEqual([
      "Already paid with another transaction id (CONF-A).",
      "This payout is recorded as failed; its rewards wait for a later batch.",
    ]);
  });

  it("two uploads of the same file at once pay each payout once", async () => {
    const { ids } = await batchOf(4);
    const csv = ["payout_id,status,transaction_id", ...ids.map((id, i) => `${id},PAID,RACE-${i}`)].join("\n");
    const [a, b] = await Promise.all([
      applyPaymentConfirmation(t.db, csv, admin),
      applyPaymentConfirmation(t.db, csv, admin),
    ]);
    expect(a.counts.paid + b.counts.paid).toBe(4);
    expect(a.counts.unchanged + b.counts.unchanged).toBe(4);
    expect(a.counts.error + b.counts.error).toBe(0);
    expect(await eventsFor(ids, "payout.paid")).toHaveLength(4);
    expect(await outboxFor(ids, "payout.paid")).toHaveLength(4);
  });

  it("a transaction id already used by another payout is that row's error; the others still apply", async () => {
    const { ids } = await batchOf(2);
    const res = await applyPaymentConfirmation(
      t.db,
      `payout_id,status,transaction_id,payment_method\n${ids[0]},PAID,DUP-1,PayPal\n${ids[1]},PAID,DUP-1,PAYPAL`,
      admin,
    );
    expect(res.rows.map((r) => r.outcome)).toEqual(["paid", "error"]);
    expect(res.rows[1].message).toBe("This transaction id was already used for another payment");
    const [p] = await t.db.select().from(payouts).where(eq(payouts.id, ids[0]));
    expect(p).toMatchObject({ status: "PAID", paymentMethod: "PAYPAL" });
  });
});

describe("marking a whole batch paid", () => {
  it("pays every pending payout with one reference, once; a repeat changes nothing", async () => {
    const { batchId, ids } = await batchOf(3);
    const res = await markBatchPaid(t.db, batchId, { reference: "WIRE-77", paymentMethod: "BANK_TRANSFER" }, admin);
    expect(res).toEqual({ paid: 3, unchanged: 0, skipped: 0 });
    const rows = await t.db.select().from(payouts).where(inArray(payouts.id, ids));
    expect(rows.map((p) => [p.status, p.transactionId]).sort()).toEqual(
      ids.map((id) => ["PAID", batchTransactionId("WIRE-77", id)]).sort(),
    );
    const paidRewards = await t.db.select().from(rewards).where(inArray(rewards.payoutId, ids));
    expect(paidRewards.map((r) => r.status)).toEqual(["PAID", "PAID", "PAID"]);
    expect(await markBatchPaid(t.db, batchId, { reference: "WIRE-77", paymentMethod: "BANK_TRANSFER" }, admin)).toEqual(
      { paid: 0, unchanged: 3, skipped: 0 },
    );
    expect(await eventsFor(ids, "payout.paid")).toHaveLength(3);
  });

  it("two batch payments at once pay once; no reference is a validation error naming the field", async () => {
    const { batchId, ids } = await batchOf(3);
    expect(await rejects(markBatchPaid(t.db, batchId, {}, admin))).toMatchObject({
      code: "validation",
      errors: [{ path: "reference", message: "Enter the bank's reference for this batch" }],
    });
    const both = await Promise.all([
      markBatchPaid(t.db, batchId, { reference: "TWICE" }, admin),
      markBatchPaid(t.db, batchId, { reference: "TWICE" }, admin),
    ]);
    expect(both.map((r) => r.paid).sort()).toEqual([0, 3]);
    expect(await eventsFor(ids, "payout.paid")).toHaveLength(3);
    expect(await outboxFor(ids, "payout.paid")).toHaveLength(3);
  });

  it("one transaction id per payout; an unknown batch is not found", async () => {
    const { batchId, ids } = await batchOf(2);
    const res = await markBatchPaid(t.db, batchId, { transactionIds: { [ids[0]]: "ONE", [ids[1]]: "TWO" } }, admin);
    expect(res.paid).toBe(2);
    const rows = await t.db.select().from(payouts).where(inArray(payouts.id, ids));
    expect(rows.map((p) => p.transactionId).sort()).toEqual(["ONE", "TWO"]);
    expect(await rejects(markBatchPaid(t.db, "00000000-0000-4000-8000-000000000000", {}, admin))).toMatchObject({
      code: "not_found",
    });
  });
});
