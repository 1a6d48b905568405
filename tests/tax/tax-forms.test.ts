import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { events, taxForms } from "@/db/schema";
import { open, sealedKeyId } from "@/lib/crypto/sealed";
import { reloadEnv } from "@/lib/env";
import { resealTaxForms } from "@/lib/tax/forms";
import * as me from "@/app/api/v1/partners/me/tax-form/route";
import * as byId from "@/app/api/v1/partners/[id]/tax-form/route";
import { call } from "../helpers/http";
import { apiSuite } from "../helpers/http";

const { t, admin, testPartners } = apiSuite({ admin: true, partners: 3 });
const [us, foreign, other] = testPartners;
afterAll(() => {
  delete process.env.PAYOUT_DATA_KEYS;
  reloadEnv();
});

const W9 = {
  kind: "W9",
  legalName: "Ann Lee",
  businessName: "Lee Insurance Referrals LLC",
  taxClassification: "llc_p",
  address: { line1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "us" },
  tinType: "EIN",
  tin: "12-3456789",
  signatureName: "Ann Lee",
  certify: true,
};
const W8 = {
  kind: "W8BEN",
  legalName: "Jo Weber",
  country: "DE",
  address: { line1: "Hauptstr. 1", city: "Berlin", postalCode: "10115", country: "DE" },
  foreignTin: "DE 12 345 678 901",
  signatureName: "Jo Weber",
  certify: true,
};

async function rawRow(partnerId: string): Promise<string> {
  const rows = await t.db.execute(
    sql`select row_to_json(f)::text as j from tax_forms f where partner_id = ${partnerId}`,
  );
  return (rows as unknown as { j: string }[])[0].j;
}

describe("tax forms", () => {
  it("a partner signs a W-9: stored sealed, answered masked to the partner and the admin, audited masked", async () => {
    const put = await call(me.PUT, "PUT /api/v1/partners/me/tax-form", { headers: us.headers, body: W9 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      kind: "W9",
      legalName: "Ann Lee",
      taxClassification: "LLC_P",
      tinType: "EIN",
      tinMasked: "•••• 6789",
      country: "US",
      signatureName: "Ann Lee",
    });
    expect(Date.now() - Date.parse(put.body.signedAt)).toBeLessThan(60_000);
    expect(JSON.stringify(put.body)).not.toContain("123456789");

    const raw = await rawRow(us.partner.id);
    expect(raw).not.toContain("123456789");
    expect(raw).not.toContain("12-3456789");
    const [row] = await t.db.select().from(taxForms).where(eq(taxForms.partnerId, us.partner.id));
    expect(open(row.tinSealed)).toBe("123456789");

    const mine = await call(me.GET, "GET /api/v1/partners/me/tax-form", { headers: us.headers });
    expect(mine.status).toBe(200);
    expect(mine.body.tinMasked).toBe("•••• 6789");
    const seen = await call(byId.GET, "GET /api/v1/partners/[id]/tax-form", {
      headers: admin.headers,
      params: { id: us.partner.id },
    });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain("123456789");
    expect(seen.body.tinMasked).toBe("•••• 6789");

    const audit = await t.db.select().from(events).where(eq(events.entityId, us.partner.id));
    const submitted = audit.filter((e) => e.action === "partner.tax_form_submitted");
    expect(submitted).toHaveLength(1);
    expect(JSON.stringify(submitted)).not.toContain("123456789");
    expect(submitted[0].after).toContain("•••• 6789");
  });

  it("a W-8BEN keeps the foreign TIN sealed; another partner's form is not reachable", async () => {
    const put = await call(me.PUT, "PUT /api/v1/partners/me/tax-form", { headers: foreign.headers, body: W8 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ kind: "W8BEN", country: "DE", tinType: "FOREIGN", tinMasked: "•••• 8901" });
    expect(await rawRow(foreign.partner.id)).not.toContain("345 678");
    const none = await call(me.GET, "GET /api/v1/partners/me/tax-form", { headers: other.headers });
    expect(none.status).toBe(404);
    const forbidden = await call(byId.GET, "GET /api/v1/partners/[id]/tax-form", {
      headers: other.headers,
      params: { id: us.partner.id },
    });
    expect(forbidden.status).toBe(403);
  });

  it.each([
    ["tin", { tin: "12345678" }, "An SSN or EIN has 9 digits"],
    ["tin", { tin: "111-11-1111" }, "not a valid"],
    ["tinType", { tinType: "ITIN" }, "SSN or EIN"],
    ["address.country", { address: { ...W9.address, country: "CA" } }, "in the US"],
    ["address.region", { address: { ...W9.address, region: "" } }, "state"],
    ["certify", { certify: false }, "certify"],
    ["signatureName", { signatureName: " " }, "sign"],
    ["taxClassification", { taxClassification: "ROBOT" }, "classification"],
  ])("refuses a W-9 with a bad %s, naming the field", async (field, patch, message) => {
    const res = await call(me.PUT, "PUT /api/v1/partners/me/tax-form", {
      headers: other.headers,
      body: { ...W9, ...patch },
    });
    expect(res.status).toBe(400);
    const err = res.body.errors.find((e: { path: string }) => e.path === field);
    expect(err, JSON.stringify(res.body.errors)).toBeDefined();
    expect(err.message.toLowerCase()).toContain(message.toLowerCase());
  });

  it("refuses a W-8BEN from a US citizen and unknown fields", async () => {
    const us8 = await call(me.PUT, "PUT /api/v1/partners/me/tax-form", {
      headers: other.headers,
      body: { ...W8, country: "US" },
    });
    expect(us8.status).toBe(400);
    expect(us8.body.errors.map((e: { path: string }) => e.path)).toContain("country");
    const extra = await call(me.PUT, "PUT /api/v1/partners/me/tax-form", {
      headers: other.headers,
      body: { ...W9, signedAt: "2020-01-01T00:00:00Z" },
    });
    expect(extra.status).toBe(400);
  });

  it("re-seals TINs under a new key, and opens values sealed under either key", async () => {
    const newKey = `k2:${randomBytes(32).toString("base64")}`;
    process.env.PAYOUT_DATA_KEYS = `${newKey},dev:${Buffer.from("rp-dev-only-payout-data-key-32b!").toString("base64")}`;
    reloadEnv();
    expect(await resealTaxForms(t.db)).toBe(2);
    const [row] = await t.db.select().from(taxForms).where(eq(taxForms.partnerId, us.partner.id));
    expect(sealedKeyId(row.tinSealed)).toBe("k2");
    expect(open(row.tinSealed)).toBe("123456789");
    expect(await resealTaxForms(t.db)).toBe(0);
  });
});
