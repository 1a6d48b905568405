import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, partners, settings } from "@/db/schema";
import { payoutDetailsInputSchema } from "@/lib/payout-details/schemas";
import { savePayoutDetails } from "@/lib/payout-details/service";
import { saveTaxForm } from "@/lib/tax/forms";
import { taxFormInputSchema } from "@/lib/tax/schemas";
import { batchFile, nextBankDay } from "@/lib/payouts/files";
import { createPayoutBatch } from "@/lib/payouts/service";
import { insertReward } from "../helpers/api-fixtures";
import { createTestDb, type TestDb } from "../helpers/db";
import { admin, newPartner, rejects } from "../engine/helpers";

/** @ach/ach's record parsers: an independent reading of each 94-character NACHA record. */
const achLineParsers = createRequire(import.meta.url)("@ach/ach/lib/transforms/line-parsers") as Record<
  string,
  (line: string, out: Record<string, unknown>) => void
>;
interface ParsedAch {
  file: Record<string, unknown> & { footer: Record<string, number> };
  batches: (Record<string, unknown> & { entries: Record<string, string | number>[]; footer: Record<string, number> })[];
}
function parseAch(text: string): ParsedAch {
  const out: Record<string, unknown> = {};
  for (const line of text.split("\r\n")) {
    if (!line || line.startsWith("99")) continue;
    achLineParsers[line[0]](line, out);
  }
  return out as unknown as ParsedAch;
}

let t: TestDb;
const at = new Date("2026-12-03T15:00:00Z"); // a Thursday
const clock = { now: at };
const ORIGINATOR = {
  ach: { bankRouting: "021000021", bankName: "JPMorgan Chase", companyId: "1123456789", companyName: "Acme Insurance" },
  sepa: { name: "Acme Insurance Quotes GmbH", iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
};
let batchId: string;
const ids: Record<string, string> = {};

async function payee(key: string, details: unknown, o: Record<string, unknown> = {}, amounts = [12_345]) {
  const p = await newPartner(t.db, o);
  await savePayoutDetails(t.db, p.id, payoutDetailsInputSchema.parse(details), admin);
  for (const amountCents of amounts)
    await insertReward(t.db, p.id, { status: "APPROVED", amountCents, currency: p.currency });
  ids[key] = p.id;
  return p;
}

beforeAll(async () => {
  t = await createTestDb();
  await t.db.update(settings).set({ bankOriginator: ORIGINATOR });
  const ach = (accountNumber: string, accountType = "CHECKING", routingNumber = "121000358") => ({
    kind: "US_ACH",
    holderName: "Ann Lée",
    routingNumber,
    accountNumber,
    accountType,
  });
  await payee("ach1", ach("123456789"), {}, [10_000, 2_345]);
  await payee("ach2", ach("99887766", "SAVINGS", "322271627"), {}, [50]);
  await payee("achCompany", ach("5550001", "CHECKING", "011000015"), { companyName: "Brokers & Co LLC" }, [999_999]);
  // Over the 1099-NEC threshold: paid only with a W-9 on file (docs/payouts.md#holds).
  await saveTaxForm(
    t.db,
    ids.achCompany,
    taxFormInputSchema.parse({
      kind: "W9",
      legalName: "Brokers & Co LLC",
      taxClassification: "LLC_P",
      address: { line1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
      tinType: "EIN",
      tin: "12-3456789",
      signatureName: "Ann Lée",
      certify: true,
    }),
    admin,
  );
  await payee(
    "sepa1",
    { kind: "SEPA", holderName: "Jörg Weber", iban: "FR1420041010050500013M02606", bic: "BNPAFRPP" },
    { currency: "EUR" },
    [4_050],
  );
  await payee(
    "sepa2",
    { kind: "SEPA", holderName: "Ana Díaz", iban: "ES9121000418450200051332" },
    { currency: "EUR" },
    [1],
  );
  await payee("sepaUsd", { kind: "SEPA", holderName: "Dollar Person", iban: "DE89370400440532013000" }, {}, [7_000]);
  await payee("paypal", { kind: "PAYPAL", paypalEmail: "pay@pal.example" }, {}, [6_000]);
  await payee(
    "check",
    {
      kind: "CHECK",
      holderName: "Chuck",
      address: { line1: "1 Main St", city: "Austin", postalCode: "78701", country: "US" },
    },
    {},
    [8_000],
  );
  const batch = await createPayoutBatch(t.db, { partnerIds: Object.values(ids), minimumCents: 0 }, admin, clock);
  batchId = batch.batchId;
  expect(batch.payouts).toHaveLength(8);
});
afterAll(() => t.drop());

const payoutOf = async (key: string) => {
  const batch = await t.db.query.payouts.findFirst({
    where: (p, { and, eq }) => and(eq(p.partnerId, ids[key]), eq(p.batchId, batchId)),
  });
  return batch!;
};

describe("NACHA ACH file", () => {
  it("parses back: one PPD and one CCD batch, entries, hashes, totals, counts and blocking agree", async () => {
    const file = await batchFile(t.db, batchId, "nacha", admin, clock);
    const lines = file.body.split("\r\n").filter(Boolean);
    expect(lines.every((l) => l.length === 94)).toBe(true);
    expect(lines.length % 10).toBe(0);
    const ach = parseAch(file.body);
    expect(ach.file).toMatchObject({
      destination: " 021000021",
      origin: "1123456789",
      creationDate: "261203",
      recordSize: "094",
    });
    expect(ach.batches.map((b) => b.entryClassCode)).toEqual(["PPD", "CCD"]);
    const entries = ach.batches.flatMap((b) => b.entries);
    expect(entries).toHaveLength(3);
    for (const b of ach.batches) {
      expect(b.effectiveDate).toBe("261204");
      expect(b.footer.entryAndAddendaCount).toBe(b.entries.length);
      expect(b.footer.totalCredit).toBe(b.entries.reduce((a, e) => a + Number(e.amount), 0));
      expect(b.footer.totalDebit).toBe(0);
      expect(b.footer.entryHash).toBe(b.entries.reduce((a, e) => a + Number(e.receivingDFIIdentification), 0));
    }
    const p1 = await payoutOf("ach1");
    const e1 = entries.find((e) => e.dfiAccount === "123456789")!;
    expect(e1).toMatchObject({
      transactionCode: "22",
      receivingDFIIdentification: 12100035,
      checkDigit: 8,
      amount: 12_345,
      receivingCompanyName: "ANN LEE",
    });
    expect(String(e1.identificationNumber)).toBe(p1.id.replace(/-/g, "").slice(0, 15).toUpperCase());
    expect(entries.find((e) => e.dfiAccount === "99887766")).toMatchObject({ transactionCode: "32", amount: 50 });
    expect(entries.find((e) => e.dfiAccount === "5550001")).toMatchObject({
      receivingCompanyName: "BROKERS & CO LLC",
      amount: 999_999,
    });
    expect(ach.file.footer).toMatchObject({
      batchCount: 2,
      blockCount: lines.length / 10,
      entryAndAddendaCount: 3,
      totalDebit: 0,
      totalCredit: 12_345 + 50 + 999_999,
      entryHash: 12100035 + 32227162 + 1100001,
    });
    expect(file.totalCents).toBe(12_345 + 50 + 999_999);
    // Trace numbers: the ODFI's 8 digits, ascending in each batch, and the same when the file is made again.
    const traces = entries.map((e) => String(e.traceNumber).padStart(15, "0"));
    for (const tr of traces) expect(tr.startsWith("02100002")).toBe(true);
    const again = parseAch((await batchFile(t.db, batchId, "nacha", admin, clock)).body);
    expect(again.batches.flatMap((b) => b.entries).map((e) => String(e.traceNumber).padStart(15, "0"))).toEqual(traces);
  });
});

describe("SEPA pain.001.001.09", () => {
  it("has the mandatory elements, control sums and counts, and only the EUR payouts to IBANs", async () => {
    const file = await batchFile(t.db, batchId, "sepa", admin, clock);
    expect(file.contentType).toMatch(/^application\/xml/);
    const doc = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (n) => n === "CdtTrfTxInf",
    }).parse(file.body);
    expect(doc.Document["@_xmlns"]).toBe("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09");
    const init = doc.Document.CstmrCdtTrfInitn;
    const pmt = init.PmtInf;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed XML tree, checked field by field below
    const txs = pmt.CdtTrfTxInf as Record<string, any>[];
    expect(txs).toHaveLength(2);
    expect(init.GrpHdr).toMatchObject({ MsgId: `B${batchId.replace(/-/g, "")}`, NbOfTxs: "2", CtrlSum: "40.51" });
    expect(init.GrpHdr.CreDtTm).toBe("2026-12-03T15:00:00Z");
    expect(pmt).toMatchObject({ PmtMtd: "TRF", NbOfTxs: "2", CtrlSum: "40.51", ChrgBr: "SLEV" });
    expect(pmt.PmtTpInf.SvcLvl.Cd).toBe("SEPA");
    expect(pmt.ReqdExctnDt.Dt).toBe("2026-12-04");
    expect(pmt.DbtrAcct.Id.IBAN).toBe("DE89370400440532013000");
    expect(pmt.DbtrAgt.FinInstnId.BICFI).toBe("COBADEFFXXX");
    const sum = txs.reduce((a, tx) => a + Math.round(Number(tx.Amt.InstdAmt["#text"]) * 100), 0);
    expect(sum).toBe(4_051);
    const fr = txs.find((tx) => tx.CdtrAcct.Id.IBAN === "FR1420041010050500013M02606")!;
    expect(fr.Amt.InstdAmt).toMatchObject({ "@_Ccy": "EUR", "#text": "40.50" });
    expect(fr.Cdtr.Nm).toBe("Jorg Weber"); // folded to the EPC character set
    expect(fr.CdtrAgt.FinInstnId.BICFI).toBe("BNPAFRPP");
    expect(fr.PmtId.EndToEndId).toBe((await payoutOf("sepa1")).id.replace(/-/g, ""));
    expect(txs.find((tx) => tx.CdtrAcct.Id.IBAN === "ES9121000418450200051332")?.CdtrAgt).toBeUndefined();
    // The USD payout to an IBAN is not in the EUR file.
    expect(file.body).not.toContain("DE89370400440532013000</IBAN></Id></CdtrAcct>");
  });
});

describe("PayPal and CSV files, 409s, audit", () => {
  it("PayPal: one headerless line per PayPal payee", async () => {
    const file = await batchFile(t.db, batchId, "paypal", admin, clock);
    const rows = Papa.parse<string[]>(file.body.trim()).data;
    expect(rows).toEqual([
      ["pay@pal.example", "60.00", "USD", (await payoutOf("paypal")).id, "Referral payout 2026-12-03", "PAYPAL"],
    ]);
  });

  it("CSV: the payouts no rail covers (the check, the USD payout to an IBAN), details masked", async () => {
    const file = await batchFile(t.db, batchId, "csv", admin, clock);
    const rows = Papa.parse<Record<string, string>>(file.body, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.partner_id).sort()).toEqual([ids.check, ids.sepaUsd].sort());
    expect(file.body).not.toContain("DE89370400440532013000");
    expect(rows.find((r) => r.partner_id === ids.sepaUsd)?.payout_details).toContain("IBAN DE •••• 3000");
  });

  it("409 names the reason when a format applies to no payout; 404 for an unknown batch; each file is audited", async () => {
    const p = await newPartner(t.db);
    await insertReward(t.db, p.id, { status: "APPROVED", amountCents: 9_000 });
    const lone = await createPayoutBatch(t.db, { partnerIds: [p.id], minimumCents: 0 }, admin, clock);
    const err = await rejects(batchFile(t.db, lone.batchId, "sepa", admin, clock));
    expect(err).toMatchObject({ code: "conflict" });
    expect(err.message).toMatch(/needs a EUR payout to a partner with SEPA \(IBAN\) details.*1 for CSV/);
    expect((await rejects(batchFile(t.db, "00000000-0000-4000-8000-000000000000", "csv", admin))).code).toBe(
      "not_found",
    );
    const audit = await t.db.select().from(events).where(eq(events.entityId, batchId));
    const files = audit.filter((e) => e.action === "payout_batch.file_generated");
    expect(files.map((e) => (e.data as { format: string }).format).sort()).toEqual([
      "csv",
      "nacha",
      "nacha",
      "paypal",
      "sepa",
    ]);
    expect(JSON.stringify(files)).not.toContain("123456789</");
    expect(files.every((e) => /^[0-9a-f]{64}$/.test((e.data as { sha256: string }).sha256))).toBe(true);
  });

  it("without the program's originator details the rail answers 409 saying what is missing", async () => {
    await t.db.update(settings).set({ bankOriginator: { sepa: ORIGINATOR.sepa } });
    const err = await rejects(batchFile(t.db, batchId, "nacha", admin, clock));
    expect(err).toMatchObject({ code: "conflict" });
    expect(err.message).toMatch(/ACH originator/);
    await t.db.update(settings).set({ bankOriginator: ORIGINATOR });
  });

  it("the next bank day skips weekends", () => {
    expect(nextBankDay(new Date("2026-12-04T20:00:00Z")).toISOString().slice(0, 10)).toBe("2026-12-07");
    expect(nextBankDay(new Date("2026-12-03T20:00:00Z")).toISOString().slice(0, 10)).toBe("2026-12-04");
  });
});
void partners;
