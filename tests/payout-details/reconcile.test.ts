import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, outbox, payouts, rewards, settings } from "@/db/schema";
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { payoutDetailsInputSchema } from "@/lib/payout-details/schemas";
import { savePayoutDetails } from "@/lib/payout-details/service";
import { applyPaymentConfirmation, previewPaymentConfirmation } from "@/lib/payouts/confirmation";
import { batchFile } from "@/lib/payouts/files";
import { createPayoutBatch } from "@/lib/payouts/service";
import { toCsv } from "@/lib/csv";
import { approveReward, createManualReward } from "@/lib/rewards/service";
import { createTestDb, type TestDb } from "../helpers/db";
import { admin, newPartner } from "../engine/helpers";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await t.db.update(settings).set({
    bankOriginator: {
      ach: { bankRouting: "021000021", bankName: "Demo Bank", companyId: "1000000001", companyName: "Acme" },
      sepa: { name: "Acme", iban: "DE89370400440532013000", bic: null },
    },
  });
});
afterAll(() => t.drop());

async function achPayee(accountNumber: string) {
  const p = await newPartner(t.db);
  const details = {
    kind: "US_ACH",
    holderName: "Ann",
    routingNumber: "121000358",
    accountNumber,
    accountType: "CHECKING",
  };
  await savePayoutDetails(t.db, p.id, payoutDetailsInputSchema.parse(details), admin);
  const r = [];
  for (const amountCents of [6_000, 1_500]) {
    const w = await createManualReward(t.db, { partnerId: p.id, type: "BONUS", amountCents, reason: "recon" }, admin);
    r.push(await approveReward(t.db, w.id, {}, admin));
  }
  return { partner: p, rewardIds: r.map((x) => x.id) };
}

/** What the database says, to compare before and after a replay. */
async function state(payoutIds: string[]) {
  const [e] = await t.db.select({ n: sql<number>`count(*)::int` }).from(events);
  const [o] = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
  const ps = await t.db.select().from(payouts).where(inArray(payouts.id, payoutIds)).orderBy(payouts.id);
  return { events: e.n, outbox: o.n, payouts: ps.map((p) => [p.id, p.status, p.transactionId, p.failureReason]) };
}

describe("reconciliation: a returns file by trace number and payout id", () => {
  it("pays, fails with the return code's reason (rewards back to Approved), replays with no double effect, invariants at 0", async () => {
    const a = await achPayee("111111111");
    const b = await achPayee("222222222");
    const c = await achPayee("333333333");
    const batch = await createPayoutBatch(
      t.db,
      { partnerIds: [a.partner.id, b.partner.id, c.partner.id], minimumCents: 0 },
      admin,
    );
    const pay = (pid: string) => batch.payouts.find((p) => p.partnerId === pid)!;
    const nacha = await batchFile(t.db, batch.batchId, "nacha", admin);
    const traceOf = (accountNumber: string) =>
      nacha.body
        .split("\r\n")
        .find((l) => l.startsWith("6") && l.slice(12, 29).trim() === accountNumber)!
        .slice(79, 94);
    const cols = ["trace_number", "payout_id", "status", "transaction_id", "return_code", "failure_reason"] as const;
    const row = (r: Partial<Record<(typeof cols)[number], string>>) => ({
      trace_number: null,
      payout_id: null,
      transaction_id: null,
      return_code: null,
      failure_reason: null,
      status: null,
      ...r,
    });
    const file = toCsv(cols, [
      row({ trace_number: traceOf("111111111"), status: "PAID", transaction_id: "ACH-0001" }),
      row({ trace_number: traceOf("222222222"), status: "RETURNED", return_code: "R01" }),
      row({
        payout_id: pay(c.partner.id).id,
        status: "FAILED",
        return_code: "R03",
        failure_reason: "No account on file at the bank",
      }),
      row({ trace_number: "999999999999999", status: "PAID", transaction_id: "ACH-0404" }),
    ]);

    const before = await state(batch.payouts.map((p) => p.id));
    const preview = await previewPaymentConfirmation(t.db, file);
    expect(preview.counts).toEqual({ paid: 1, failed: 2, unchanged: 0, error: 1 });
    expect(preview.rows.find((r) => r.line === 5)?.message).toBe("No payout has the trace number 999999999999999.");
    expect(await state(batch.payouts.map((p) => p.id))).toEqual(before); // a preview writes nothing

    const applied = await applyPaymentConfirmation(t.db, file, admin);
    expect(applied.counts).toEqual({ paid: 1, failed: 2, unchanged: 0, error: 1 });
    const [pa] = await t.db
      .select()
      .from(payouts)
      .where(eq(payouts.id, pay(a.partner.id).id));
    const [pb] = await t.db
      .select()
      .from(payouts)
      .where(eq(payouts.id, pay(b.partner.id).id));
    const [pc] = await t.db
      .select()
      .from(payouts)
      .where(eq(payouts.id, pay(c.partner.id).id));
    expect([pa.status, pa.transactionId]).toEqual(["PAID", "ACH-0001"]);
    expect([pb.status, pb.failureReason]).toEqual(["FAILED", "R01 Insufficient funds"]);
    expect([pc.status, pc.failureReason]).toEqual(["FAILED", "R03 No account on file at the bank"]);
    const bRewards = await t.db.select().from(rewards).where(inArray(rewards.id, b.rewardIds));
    expect(bRewards.map((r) => [r.status, r.payoutId])).toEqual([
      ["APPROVED", null],
      ["APPROVED", null],
    ]);
    const aRewards = await t.db.select().from(rewards).where(inArray(rewards.id, a.rewardIds));
    expect(aRewards.every((r) => r.status === "PAID")).toBe(true);
    expect(totalViolations(await checkInvariants(t.db))).toBe(0);

    // The same file again: every row says it is already so; nothing is written.
    const once = await state(batch.payouts.map((p) => p.id));
    const replay = await applyPaymentConfirmation(t.db, file, admin);
    expect(replay.counts).toEqual({ paid: 0, failed: 0, unchanged: 3, error: 1 });
    expect(await state(batch.payouts.map((p) => p.id))).toEqual(once);
    expect(totalViolations(await checkInvariants(t.db))).toBe(0);

    // The returned rewards go into the next batch.
    const next = await createPayoutBatch(t.db, { partnerIds: [b.partner.id], minimumCents: 0 }, admin);
    expect(next.payouts.map((p) => [p.partnerId, p.amountCents, p.rewardCount])).toEqual([[b.partner.id, 7_500, 2]]);
    expect(totalViolations(await checkInvariants(t.db))).toBe(0);
  });

  it("checks rows alone: a paid row with a return code, a bad code, a bad trace number, a duplicate", async () => {
    const a = await achPayee("444444444");
    const batch = await createPayoutBatch(t.db, { partnerIds: [a.partner.id], minimumCents: 0 }, admin);
    const id = batch.payouts[0].id;
    const report = await previewPaymentConfirmation(t.db, {
      rows: [
        { payoutId: id, status: "PAID", transactionId: "X-1", returnCode: "R01" },
        { payoutId: id, status: "RETURNED", returnCode: "X99" },
        { traceNumber: "12", status: "PAID", transactionId: "X-2" },
        { payoutId: id, status: "RETURNED", returnCode: "R02" },
        { payoutId: id, status: "PAID", transactionId: "X-3" },
      ],
    });
    expect(report.rows.map((r) => [r.line, r.outcome, r.message])).toEqual([
      [1, "error", "A paid row cannot carry a return code."],
      [2, "error", '"X99" is not an ACH return code (R01…R99).'],
      [3, "error", '"12" is not a 15-digit trace number.'],
      [4, "failed", "Failed: R02 Account closed. Its rewards go back to Approved."],
      [5, "error", "This payout is already on line 4."],
    ]);
    const [p] = await t.db
      .select()
      .from(payouts)
      .where(and(eq(payouts.id, id), eq(payouts.status, "PENDING")));
    expect(p).toBeDefined();
  });
});
