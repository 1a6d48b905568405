import Papa from "papaparse";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { partners, payouts, settings } from "@/db/schema";
import { savePayoutDetails } from "@/lib/payout-details/service";
import { payoutDetailsInputSchema } from "@/lib/payout-details/schemas";
import { payableByPartner } from "@/lib/payouts/queries";
import { createPayoutBatch, markPayoutPaid } from "@/lib/payouts/service";
import { saveTaxForm } from "@/lib/tax/forms";
import { taxFormInputSchema } from "@/lib/tax/schemas";
import { yearlyTotals } from "@/lib/tax/totals";
import * as report from "@/app/api/v1/reports/1099-nec/route";
import { insertPayout, insertReward } from "../helpers/api-fixtures";
import { apiSuite, call } from "../helpers/http";
import { admin as adminActor } from "../engine/helpers";

const { t, admin } = apiSuite({ admin: true });
const now = new Date("2026-06-15T12:00:00Z");
const clock = { now };

const w9 = (legalName: string) =>
  taxFormInputSchema.parse({
    kind: "W9",
    legalName,
    taxClassification: "INDIVIDUAL",
    address: { line1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
    tinType: "SSN",
    tin: "123456789",
    signatureName: legalName,
    certify: true,
  });

/** A partner already paid `paidCents` this year (bank transfer) with `approvedCents` approved and waiting. */
async function partnerWith(
  paidCents: number,
  approvedCents: number,
  method: "BANK_TRANSFER" | "PAYPAL" = "BANK_TRANSFER",
) {
  const p = (await t.partner()).partner;
  if (paidCents)
    await insertPayout(t.db, p.id, {
      amountCents: paidCents,
      status: "PAID",
      paymentMethod: method,
      transactionId: `T-${p.id}`,
      paidAt: new Date("2026-02-01T00:00:00Z"),
    });
  await insertReward(t.db, p.id, { status: "APPROVED", amountCents: approvedCents });
  return p;
}

const preview = async (partnerId: string) =>
  (await payableByPartner(t.db, 5_000, { now })).find((r) => r.partnerId === partnerId)!;
const batchFor = (...partnerIds: string[]) => createPayoutBatch(t.db, { partnerIds }, adminActor, clock);

/** No tax hold on the partner: the preview names none and a batch pays it. */
async function expectPaidWithoutHold(partnerId: string) {
  expect((await preview(partnerId)).taxHold).toBeNull();
  const b = await batchFor(partnerId);
  expect(b.payouts).toHaveLength(1);
  expect(b.held).toEqual([]);
}

describe("1099-NEC threshold and the W-9 hold", () => {
  it("pays a US partner without a W-9 while the year total stays below $2,000", async () => {
    const p = await partnerWith(150_000, 49_999);
    await expectPaidWithoutHold(p.id);
  });

  it("holds the payout that would bring the year total to the threshold, with the reason, in the preview and the batch alike", async () => {
    const p = await partnerWith(150_000, 50_000);
    const row = await preview(p.id);
    expect(row.eligible).toBe(false);
    expect(row.taxHold).toMatch(/no W-9 on file.*2026 total to USD 2000\.00.*threshold of USD 2000\.00/);
    const b = await batchFor(p.id);
    expect(b.payouts).toHaveLength(0);
    expect(b.held).toEqual([{ partnerId: p.id, currency: "USD", reason: row.taxHold }]);
  });

  it("counts pending payouts toward the year, so two batches cannot each slip under", async () => {
    const p = await partnerWith(0, 120_000);
    expect((await batchFor(p.id)).payouts).toHaveLength(1);
    await insertReward(t.db, p.id, { status: "APPROVED", amountCents: 90_000 });
    expect((await batchFor(p.id)).held).toHaveLength(1);
  });

  it("releases the hold once the partner files a W-9", async () => {
    const p = await partnerWith(190_000, 60_000);
    expect((await batchFor(p.id)).held).toHaveLength(1);
    await saveTaxForm(t.db, p.id, w9("Filed Late"), adminActor, clock);
    await expectPaidWithoutHold(p.id);
  });

  it("never holds partners paid by PayPal, non-US partners (W-8BEN or SEPA details), or payouts in other currencies", async () => {
    const pp = await partnerWith(0, 250_000);
    await savePayoutDetails(
      t.db,
      pp.id,
      payoutDetailsInputSchema.parse({ kind: "PAYPAL", paypalEmail: "pp@example.com" }),
      adminActor,
    );
    const sepa = await partnerWith(0, 250_000);
    await savePayoutDetails(
      t.db,
      sepa.id,
      payoutDetailsInputSchema.parse({ kind: "SEPA", holderName: "Jo Weber", iban: "DE89370400440532013000" }),
      adminActor,
    );
    const eur = (await t.partner()).partner;
    // A partner earning in euros is paid in euros (no conversion, so no exchange rate needed).
    await t.db.update(partners).set({ currency: "EUR" }).where(eq(partners.id, eur.id));
    await insertReward(t.db, eur.id, { status: "APPROVED", amountCents: 250_000, currency: "EUR" });
    const b = await batchFor(pp.id, sepa.id, eur.id);
    expect(b.held).toEqual([]);
    expect(b.payouts).toHaveLength(3);
  });

  it("follows the threshold setting", async () => {
    await t.db.update(settings).set({ form1099ThresholdCents: 60_000 });
    try {
      const p = await partnerWith(0, 60_000);
      expect((await batchFor(p.id)).held).toHaveLength(1);
    } finally {
      await t.db.update(settings).set({ form1099ThresholdCents: 200_000 });
    }
  });
});

describe("yearly totals and the 1099-NEC report", () => {
  it("totals the calendar year's paid payouts, PayPal excluded, and lists the US partners that reached the threshold", async () => {
    const filed = await partnerWith(0, 0);
    await saveTaxForm(t.db, filed.id, w9("Reached Exactly"), adminActor);
    const made = await insertPayout(t.db, filed.id, { amountCents: 200_000, status: "PENDING", paymentMethod: null });
    await markPayoutPaid(t.db, made.id, { paymentMethod: "BANK_TRANSFER", transactionId: `R-${made.id}` }, adminActor, {
      now: new Date("2026-12-31T23:59:59Z"),
    });
    // Paid the next year: not in 2026.
    const late = await insertPayout(t.db, filed.id, { amountCents: 70_000, status: "PENDING", paymentMethod: null });
    await markPayoutPaid(t.db, late.id, { paymentMethod: "BANK_TRANSFER", transactionId: `L-${late.id}` }, adminActor, {
      now: new Date("2027-01-01T00:00:00Z"),
    });
    const paypalOnly = await partnerWith(500_000, 0, "PAYPAL");
    const below = await partnerWith(199_999, 0);
    const noForm = await partnerWith(300_000, 0);

    const totals = new Map((await yearlyTotals(t.db, 2026)).map((x) => [x.partnerId, x.paidCents]));
    expect(totals.get(filed.id)).toBe(200_000);
    expect(totals.get(paypalOnly.id)).toBeUndefined();
    expect(totals.get(below.id)).toBe(199_999);

    const res = await call(report.GET, "GET /api/v1/reports/1099-nec", {
      headers: admin.headers,
      query: { year: "2026" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("1099-nec-2026.csv");
    const parsed = Papa.parse<Record<string, string>>(res.body as string, { header: true, skipEmptyLines: true });
    const byId = new Map(parsed.data.map((r) => [r.partner_id, r]));
    expect(byId.get(filed.id)).toMatchObject({
      w9_on_file: "yes",
      recipient_name: "Reached Exactly",
      tin_type: "SSN",
      tin: "•••• 6789",
      state: "TX",
      nonemployee_compensation: "2000.00",
      currency: "USD",
      payout_count: "1",
    });
    expect(byId.get(noForm.id)).toMatchObject({ w9_on_file: "no", nonemployee_compensation: "3000.00" });
    expect(byId.has(paypalOnly.id)).toBe(false);
    expect(byId.has(below.id)).toBe(false);
    expect(res.body).not.toContain("123456789");

    const bad = await call(report.GET, "GET /api/v1/reports/1099-nec", {
      headers: admin.headers,
      query: { year: "26" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("year");
    expect((await t.db.select().from(payouts).where(eq(payouts.id, late.id)))[0].status).toBe("PAID");
  });
});
