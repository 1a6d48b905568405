import { eq, inArray } from "drizzle-orm";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import * as exportCsv from "@/app/api/v1/payouts/[id]/export.csv/route";
import * as markFailed from "@/app/api/v1/payouts/[id]/mark-failed/route";
import * as markPaid from "@/app/api/v1/payouts/[id]/mark-paid/route";
import * as one from "@/app/api/v1/payouts/[id]/route";
import * as list from "@/app/api/v1/payouts/route";
import { partners, payouts, rewards } from "@/db/schema";
import { batchJson, pageOf, payoutJson } from "@/lib/api/response-schemas";
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { insertReward } from "../helpers/api-fixtures";
import { call, apiSuite } from "../helpers/http";

describe("REST API: payouts", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 2 });
  const [p, q] = testPartners;
  let batch: {
    batchId: string;
    payouts: { id: string; partnerId: string; amountCents: number; rewardCount: number; status: string }[];
  };

  /** The admin's mark-paid / mark-failed calls on one payout. */
  const markPaidCall = (id: string, body: object) =>
    call(markPaid.POST, "POST /api/v1/payouts/[id]/mark-paid", { params: { id }, headers: admin.headers, body });
  const markFailedCall = (id: string, body: object) =>
    call(markFailed.POST, "POST /api/v1/payouts/[id]/mark-failed", { params: { id }, headers: admin.headers, body });

  it("POST makes a batch of PENDING payouts from approved rewards reaching the minimum; nothing left → 200 and no payouts", async () => {
    const r1 = await insertReward(t.db, p.partner.id, { status: "APPROVED", amountCents: 3_000 });
    const r2 = await insertReward(t.db, p.partner.id, { status: "APPROVED", amountCents: 4_000 });
    await insertReward(t.db, q.partner.id, { status: "APPROVED", amountCents: 1_000 });
    expect((await call(list.POST, "POST /api/v1/payouts", { headers: p.headers, body: {} })).status).toBe(403);
    expect(
      (await call(list.POST, "POST /api/v1/payouts", { headers: admin.headers, body: { minimumCents: -1 } })).status,
    ).toBe(400);
    const res = await call(list.POST, "POST /api/v1/payouts", { headers: admin.headers });
    expect(res.status).toBe(201);
    batch = res.body;
    batchJson.parse(res.body);
    expect(batch.payouts).toEqual([
      expect.objectContaining({
        partnerId: p.partner.id,
        amountCents: 7_000,
        rewardCount: 2,
        status: "PENDING",
        batchId: batch.batchId,
      }),
    ]);
    const covered = await t.db
      .select({ payoutId: rewards.payoutId })
      .from(rewards)
      .where(inArray(rewards.id, [r1.id, r2.id]));
    expect(covered.every((r) => r.payoutId === batch.payouts[0].id)).toBe(true);
    const again = await call(list.POST, "POST /api/v1/payouts", { headers: admin.headers, body: {} });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ batchId: null, payouts: [], held: [], blocked: [] });
  });

  it("GET lists and reads are scoped; the detail names the rewards covered", async () => {
    const id = batch.payouts[0].id;
    const own = await call(list.GET, "GET /api/v1/payouts", { headers: p.headers });
    expect(own.body.data.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await call(list.GET, "GET /api/v1/payouts", { headers: q.headers })).body.pagination.total).toBe(0);
    expect(
      (
        await call(list.GET, "GET /api/v1/payouts", {
          headers: admin.headers,
          query: { batchId: batch.batchId, status: "pending" },
        })
      ).body.pagination.total,
    ).toBe(1);
    const detail = await call(one.GET, "GET /api/v1/payouts/[id]", { params: { id }, headers: p.headers });
    expect(detail.body.items).toHaveLength(2);
    payoutJson.parse(detail.body);
    pageOf(payoutJson).parse(own.body);
    expect(detail.body.items.reduce((s: number, i: { amountCents: number }) => s + i.amountCents, 0)).toBe(7_000);
    expect((await call(one.GET, "GET /api/v1/payouts/[id]", { params: { id }, headers: q.headers })).status).toBe(404);
  });

  it("export.csv gives the bank file for a payout or its whole batch, with formula-looking cells escaped", async () => {
    await t.db
      .update(partners)
      .set({ firstName: '=HYPERLINK("http://evil")', payoutDetails: { iban: "DE89370400440532013000" } })
      .where(eq(partners.id, p.partner.id));
    const id = batch.payouts[0].id;
    for (const target of [id, batch.batchId]) {
      const res = await call(exportCsv.GET, "GET /api/v1/payouts/[id]/export.csv", {
        params: { id: target },
        headers: admin.headers,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/csv");
      expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="payout-/);
      const parsed = Papa.parse<Record<string, string>>(res.body, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data).toEqual([
        expect.objectContaining({
          payout_id: id,
          batch_id: batch.batchId,
          amount: "70.00",
          currency: "USD",
          status: "PENDING",
          reward_count: "2",
          payout_details: "iban: DE89370400440532013000",
        }),
      ]);
      expect(parsed.data[0].partner_name.startsWith("'=")).toBe(true);
    }
    expect(
      (await call(exportCsv.GET, "GET /api/v1/payouts/[id]/export.csv", { params: { id }, headers: q.headers })).status,
    ).toBe(404);
    expect(
      (await call(exportCsv.GET, "GET /api/v1/payouts/[id]/export.csv", { params: { id }, headers: p.headers })).status,
    ).toBe(200);
  });

  it("mark-paid pays the payout with its rewards once; the same transaction replays, another is a conflict", async () => {
    const id = batch.payouts[0].id;
    expect((await markPaidCall(id, { paymentMethod: "WIRE", transactionId: "W-1" })).status).toBe(400);
    const paid = await markPaidCall(id, { paymentMethod: "bank_transfer", transactionId: "BANK-2026-11-01" });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({
      status: "PAID",
      transactionId: "BANK-2026-11-01",
      paymentMethod: "BANK_TRANSFER",
    });
    expect(paid.body.rewardIds).toHaveLength(2);
    const statuses = await t.db.select({ s: rewards.status }).from(rewards).where(eq(rewards.payoutId, id));
    expect(statuses.map((r) => r.s)).toEqual(["PAID", "PAID"]);
    const replay = await markPaidCall(id, { paymentMethod: "BANK_TRANSFER", transactionId: "BANK-2026-11-01" });
    expect(replay.status).toBe(200);
    const other = await markPaidCall(id, { paymentMethod: "BANK_TRANSFER", transactionId: "BANK-OTHER" });
    expect([other.status, other.body.currentStatus]).toEqual([409, "PAID"]);
    const failPaid = await markFailedCall(id, { reason: "bounced" });
    expect([failPaid.status, failPaid.body.currentStatus]).toEqual([409, "PAID"]);
  });

  it("mark-failed returns the rewards to APPROVED for the next batch; the transaction id stays unique per method", async () => {
    const r = await insertReward(t.db, q.partner.id, { status: "APPROVED", amountCents: 9_000 });
    const made = await call(list.POST, "POST /api/v1/payouts", {
      headers: admin.headers,
      body: { partnerIds: [q.partner.id] },
    });
    expect(made.status).toBe(201);
    const id = made.body.payouts[0].id;
    expect((await markFailedCall(id, {})).status).toBe(400);
    const dup = await markPaidCall(id, { paymentMethod: "BANK_TRANSFER", transactionId: "BANK-2026-11-01" });
    expect(dup.status).toBe(409);
    const failed = await markFailedCall(id, { reason: "account closed" });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: "FAILED", failureReason: "account closed" });
    const [row] = await t.db.select().from(rewards).where(eq(rewards.id, r.id));
    expect(row).toMatchObject({ status: "APPROVED", payoutId: null });
    const [po] = await t.db.select().from(payouts).where(eq(payouts.id, id));
    expect(po.status).toBe("FAILED");
    // Money invariants hold; the "has an event" checks are left out because fixtures insert rows directly.
    const money = (await checkInvariants(t.db)).filter((c) => !c.name.endsWith("_has_event"));
    expect(money.length).toBeGreaterThan(3);
    expect(totalViolations(money)).toBe(0);
  });
});
