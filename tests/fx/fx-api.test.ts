import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as fxRoute from "@/app/api/v1/fx-rates/route";
import * as partnerRoute from "@/app/api/v1/partners/[id]/route";
import * as reconcileRoute from "@/app/api/v1/payouts/reconcile/route";
import { insertPayout } from "../helpers/api-fixtures";
import { apiSuite, call, TEST_ORIGIN } from "../helpers/http";

const { t, admin, testPartners } = apiSuite({ admin: true, partners: 1 });
const [partner] = testPartners;
const fixture = readFileSync(path.join(__dirname, "../fixtures/ecb/eurofxref.csv"), "utf8");

/** A multipart/form-data POST, as a browser form or `curl -F file=@…` sends it. */
async function upload(
  handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  pathname: string,
  fields: Record<string, string | Blob>,
  headers: Record<string, string>,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, v, "upload.csv");
  }
  const res = await handler(
    new Request(new URL(pathname, TEST_ORIGIN), {
      method: "POST",
      headers: { ...headers, "x-forwarded-for": "203.0.113.10" },
      body: form,
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: await res.json() };
}

describe("/api/v1/fx-rates", () => {
  it("takes one exact rate, refuses numbers and same-currency pairs by field, and lists newest first", async () => {
    const h = admin.headers;
    const one = await call(fxRoute.POST, "POST /api/v1/fx-rates", {
      headers: h,
      body: { date: "2026-12-02", base: "usd", quote: "cad", rate: "1.39120" },
    });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ date: "2026-12-02", base: "USD", quote: "CAD", rate: "1.3912", source: "ADMIN" });
    const num = await call(fxRoute.POST, "POST /api/v1/fx-rates", {
      headers: h,
      body: { date: "2026-12-02", base: "USD", quote: "CAD", rate: 1.3912 },
    });
    expect(num.status).toBe(400);
    const same = await call(fxRoute.POST, "POST /api/v1/fx-rates", {
      headers: h,
      body: { date: "2026-12-02", base: "USD", quote: "USD", rate: "1" },
    });
    expect(same.status).toBe(400);
    expect(same.body.errors.map((e: { path: string }) => e.path)).toContain("quote");

    const csv = await call(fxRoute.POST, "POST /api/v1/fx-rates", { headers: h, body: { csv: fixture } });
    expect(csv).toMatchObject({ status: 200, body: { imported: 30, days: ["2026-12-03"] } });

    const list = await call(fxRoute.GET, "GET /api/v1/fx-rates", { headers: h, query: { quote: "CAD" } });
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { date: string; base: string }) => [r.date, r.base])).toEqual([
      ["2026-12-03", "EUR"],
      ["2026-12-02", "USD"],
    ]);
    expect(list.body.pagination).toMatchObject({ page: 1, total: 2 });
  });

  it("imports the ECB file as a multipart upload", async () => {
    const res = await upload(
      fxRoute.POST,
      "/api/v1/fx-rates",
      { file: new Blob([fixture], { type: "text/csv" }) },
      admin.headers,
    );
    expect(res).toMatchObject({
      status: 200,
      body: { imported: 30, currencies: expect.arrayContaining(["USD", "JPY"]) },
    });
  });
});

describe("POST /api/v1/payouts/reconcile as multipart/form-data", () => {
  it("reads the file field like the csv text, with a preview field beside it", async () => {
    const p = await insertPayout(t.db, partner.partner.id);
    const file = new Blob([`payout_id,status,transaction_id\r\n${p.id},PAID,MP-1\r\n`], { type: "text/csv" });
    const preview = await upload(
      reconcileRoute.POST,
      "/api/v1/payouts/reconcile",
      { file, preview: "true" },
      admin.headers,
    );
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body)).toContain(p.id);
    const applied = await upload(reconcileRoute.POST, "/api/v1/payouts/reconcile", { file }, admin.headers);
    expect(applied.status).toBe(200);
    const bad = await upload(reconcileRoute.POST, "/api/v1/payouts/reconcile", { other: "x" }, admin.headers);
    expect(bad.status).toBe(400);
  });
});

describe("a partner's payout currency", () => {
  it("is the partner's currency until set; the partner sets its own", async () => {
    const path = "PATCH /api/v1/partners/[id]";
    const params = { id: partner.partner.id };
    const before = await call(partnerRoute.GET, "GET /api/v1/partners/[id]", { headers: partner.headers, params });
    expect(before.body).toMatchObject({ currency: "USD", payoutCurrency: "USD" });
    const set = await call(partnerRoute.PATCH, path, {
      headers: partner.headers,
      params,
      body: { payoutCurrency: "eur" },
    });
    expect(set).toMatchObject({ status: 200, body: { currency: "USD", payoutCurrency: "EUR" } });
    const bad = await call(partnerRoute.PATCH, path, {
      headers: partner.headers,
      params,
      body: { payoutCurrency: "EURO" },
    });
    expect(bad.status).toBe(400);
  });
});
