import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/leads/[id]/consent-evidence/route";
import { systemActor } from "@/lib/audit/actor";
import { recordClick } from "@/lib/attribution/clicks";
import { CURRENT_CONSENT_VERSION, consentText } from "@/lib/leads/consent-text";
import { leadInputSchema } from "@/lib/leads/schemas";
import { captureLead, sha256Hex } from "@/lib/leads/service";
import { updateSettings } from "@/lib/settings/update";
import { call, setupApiTest, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";

let t: ApiTest;
let admin: TestUser;
let a: TestPartner;
const route = "GET /api/v1/leads/[id]/consent-evidence";

beforeAll(async () => {
  t = await setupApiTest();
  admin = await t.admin();
  a = await t.partner();
});
afterAll(() => t.close());

/** A lead through a referral-link click and the quote form, then again through an integration (version only). */
let people = 0;
async function leadWithTwoConsents(): Promise<{ leadId: string; clickId: string; shown: string }> {
  const n = ++people;
  const shown = consentText("Acme Insurance Quotes")!;
  const click = await recordClick(t.db, {
    code: a.code,
    partnerId: a.partner.id,
    valid: true,
    landingUrl: "https://quotes.example/quote/life?utm_source=news",
    referrer: "https://news.example/",
    ip: "198.51.100.7",
    userAgent: "EvidenceBrowser/1.0",
    subId: "sub-1",
    utm: { utm_source: "news" },
  });
  const input = leadInputSchema.parse({
    firstName: "Ada",
    lastName: "<Evidence>",
    email: `ada.evidence${n}@example.com`,
    phone: `555010123${n}`,
    state: "NY",
    insuranceType: "LIFE",
    referralCode: a.code,
    consent: { given: true, textVersion: CURRENT_CONSENT_VERSION },
  });
  const first = await captureLead(t.db, input, {
    actor: systemActor("test"),
    channel: "FORM",
    ip: "198.51.100.7",
    userAgent: "EvidenceBrowser/1.0",
    pageUrl: "https://quotes.example/quote/life",
    consentText: shown,
    clickId: click.id,
  });
  await captureLead(
    t.db,
    leadInputSchema.parse({ ...input, referralCode: undefined, consent: { given: true, textVersion: "crm-terms-7" } }),
    { actor: systemActor("test"), channel: "API" },
  );
  return { leadId: first.lead.id, clickId: click.id, shown };
}

describe("consent evidence on demand", () => {
  it("lists every consent with the text shown, its hash, context, the partner and the click (JSON)", async () => {
    const { leadId, clickId, shown } = await leadWithTwoConsents();
    // A later rename does not break the proof: the history keeps the name the person saw.
    await updateSettings(t.db, systemActor("test"), { businessName: "Renamed Insurance Co" });
    const res = await call(GET, route, { params: { id: leadId }, headers: admin.headers });
    expect(res.status).toBe(200);
    const e = res.body;
    expect(e.lead).toMatchObject({ id: leadId, email: "ada.evidence1@example.com", state: "NY" });
    expect(e.consents).toHaveLength(2);
    const [form, api] = e.consents;
    expect(form).toMatchObject({
      channel: "FORM",
      textVersion: CURRENT_CONSENT_VERSION,
      textHash: sha256Hex(shown),
      text: shown,
      hashMatches: "TEXT",
      ip: "198.51.100.7",
      userAgent: "EvidenceBrowser/1.0",
      pageUrl: "https://quotes.example/quote/life",
    });
    expect(new Date(form.consentedAt).getTime()).toBeGreaterThan(0);
    expect(api).toMatchObject({ channel: "API", textVersion: "crm-terms-7", hashMatches: "VERSION_ONLY", text: null });
    expect(e.referrals).toHaveLength(1);
    expect(e.referrals[0].partner).toMatchObject({ id: a.partner.id });
    expect(e.referrals[0].click).toMatchObject({
      id: clickId,
      landingUrl: "https://quotes.example/quote/life?utm_source=news",
      userAgent: "EvidenceBrowser/1.0",
      subId: "sub-1",
      utmSource: "news",
    });
  });

  it("is a printable HTML page with every value escaped, and a download when asked", async () => {
    const { leadId, shown } = await leadWithTwoConsents();
    const res = await call(GET, route, {
      params: { id: leadId },
      query: { format: "html", download: "1" },
      headers: admin.headers,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="consent-evidence-${leadId}.html"`);
    const html: string = res.body;
    expect(html).toContain(sha256Hex(shown));
    expect(html).toContain("Consent 2 of 2");
    expect(html).toContain("&lt;Evidence&gt;");
    expect(html).not.toContain("<Evidence>");
    expect(html).not.toMatch(/<script/i);
  });

  it("answers 404 for an unknown lead, 400 for an unknown format, 403 to partners", async () => {
    const missing = await call(GET, route, {
      params: { id: "00000000-0000-4000-8000-000000000000" },
      headers: admin.headers,
    });
    expect(missing.status).toBe(404);
    const { leadId } = await leadWithTwoConsents();
    const bad = await call(GET, route, { params: { id: leadId }, query: { format: "pdf" }, headers: admin.headers });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("format");
    const partner = await call(GET, route, { params: { id: leadId }, headers: a.headers });
    expect(partner.status).toBe(403);
  });
});
