import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as erase } from "@/app/api/v1/privacy/erase/route";
import { POST as exportRoute } from "@/app/api/v1/privacy/export/route";
import { POST as postLead } from "@/app/api/v1/leads/route";
import { POST as inbound } from "@/app/api/v1/webhooks/leads/route";
import { rowsOf } from "@/db";
import {
  events,
  leadConsents,
  leads,
  partners,
  referralClicks,
  referrals,
  rewards,
  webhookEndpoints,
} from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { recordClick } from "@/lib/attribution/clicks";
import { hashIp } from "@/lib/attribution/ip-hash";
import { identityHash } from "@/lib/risk/normalize";
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { rotateInboundSecret } from "@/lib/webhooks/inbound-secret";
import { call, setupApiTest, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";
import { signedRequest } from "../webhooks/sign";

/** The person: every value unique in the database, so a search for it finds only their copies. */
const P = {
  firstName: "Zephyrine",
  lastName: "Quillfeather",
  email: "zephyrine.q@privacy.example",
  phone: "5557770123",
  ip: "198.51.100.77",
  userAgent: "ErasureTestAgent/9.9",
  externalId: "CRM-ZQ-0001",
  message: "Xylophonic quote request",
};
/** What may never remain: each value as stored, and the phone as the CRM formatted it. */
const SEARCH = [
  P.firstName,
  P.lastName,
  P.email,
  P.phone,
  "(555) 777-0123",
  P.ip,
  hashIp(P.ip)!,
  identityHash("EMAIL", P.email),
  identityHash("PHONE", P.phone),
  P.userAgent,
  P.externalId,
  "Xylophonic",
];

let t: ApiTest;
let admin: TestUser;
let a: TestPartner;
let adminKey: Record<string, string>;

beforeAll(async () => {
  t = await setupApiTest();
  admin = await t.admin();
  a = await t.partner({ commissionRateBps: 1000 });
  adminKey = (await t.apiKey("ADMIN")).headers;
  // The fixture inserts the partner directly; onboarding would have written its status event.
  await recordEvent(t.db, systemActor("test"), {
    entityType: "partner",
    entityId: a.partner.id,
    action: "partner.created",
    toStatus: a.partner.status,
  });
});
afterAll(() => t.close());

/** Every text, character, JSON and array column of every table, as `table.column`, with the rows holding `value`. */
async function everywhere(value: string): Promise<string[]> {
  const cols = rowsOf<{ table_name: string; column_name: string }>(
    await t.db.execute(sql`select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`),
  );
  const hits: string[] = [];
  for (const c of cols) {
    const [{ n }] = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)}::text ilike ${`%${value}%`}`,
      ),
    );
    if (n) hits.push(`${c.table_name}.${c.column_name} (${n})`);
  }
  return hits;
}

/** The person arrives every way the app copies their data: link click, CRM webhook, API with an idempotency key, a conversion, webhooks fanned out. */
async function arrange() {
  await t.db
    .insert(webhookEndpoints)
    .values({ url: "https://93.184.215.14/privacy", secret: "whsec_cHJpdmFjeS1zZWNyZXQtcHJpdmFjeS1zZWNyZXQ" });
  const click = await recordClick(t.db, {
    code: a.code,
    partnerId: a.partner.id,
    valid: true,
    landingUrl: `https://quotes.example/quote/life?email=${P.email}`,
    ip: P.ip,
    userAgent: P.userAgent,
  });
  const secret = await rotateInboundSecret(t.db, systemActor("test"));
  const created = signedRequest(secret, {
    type: "lead.created",
    data: {
      firstName: P.firstName,
      lastName: P.lastName,
      email: P.email,
      phone: "(555) 777-0123",
      state: "NY",
      zip: "10001",
      insuranceType: "life",
      message: P.message,
      externalId: P.externalId,
      referralCode: a.code,
      consent: { given: true, textVersion: "crm-2026-01", ip: P.ip, userAgent: P.userAgent },
      crmNotes: `${P.firstName} asked for a call`,
    },
  });
  expect(
    (
      await call(inbound, "POST /api/v1/webhooks/leads", {
        body: created.body,
        headers: Object.fromEntries(created.headers),
      })
    ).status,
  ).toBe(200);
  const [lead] = await t.db.select().from(leads).where(eq(leads.email, P.email));
  await t.db
    .update(referrals)
    .set({ clickId: click.id, notes: `Spoke with ${P.firstName}` })
    .where(eq(referrals.leadId, lead.id));
  const again = await call(postLead, "POST /api/v1/leads", {
    headers: { ...adminKey, "idempotency-key": "privacy-repeat-1" },
    body: {
      firstName: P.firstName,
      lastName: P.lastName,
      phone: P.phone,
      insuranceType: "LIFE",
      consent: {
        given: true,
        textVersion: "api-1",
        ip: P.ip,
        userAgent: P.userAgent,
        pageUrl: "https://quotes.example/quote/life",
      },
    },
  });
  expect(again.status).toBe(200);
  expect(again.body.merged).toBe(true);
  const converted = signedRequest(secret, {
    type: "lead.converted",
    data: { externalId: P.externalId, conversionValueCents: 120_000 },
  });
  expect(
    (
      await call(inbound, "POST /api/v1/webhooks/leads", {
        body: converted.body,
        headers: Object.fromEntries(converted.headers),
      })
    ).status,
  ).toBe(200);
  await dispatchOutbox(t.db);
  return { lead, click };
}

describe("privacy requests", () => {
  it("export returns every record about the person; erase leaves none of their personal data anywhere", async () => {
    const { lead, click } = await arrange();
    for (const v of SEARCH) expect(await everywhere(v), v).not.toEqual([]);

    const exported = await call(exportRoute, "POST /api/v1/privacy/export", {
      headers: admin.headers,
      body: { email: P.email.toUpperCase() },
    });
    expect(exported.status).toBe(200);
    expect(exported.body.leads.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    expect(exported.body.consents).toHaveLength(2);
    expect(exported.body.referrals).toHaveLength(1);
    expect(exported.body.clicks.map((c: { id: string }) => c.id)).toEqual([click.id]);
    expect(exported.body.events.length).toBeGreaterThan(0);
    expect(exported.body.webhookPayloads.inbound).toHaveLength(2);
    expect(exported.body.webhookPayloads.outbound.length).toBeGreaterThan(0);
    expect(exported.body.webhookPayloads.deliveries.length).toBeGreaterThan(0);

    const [consentBefore] = await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, lead.id)).limit(1);
    const [rewardBefore] = await t.db
      .select()
      .from(rewards)
      .innerJoin(referrals, eq(referrals.id, rewards.referralId))
      .where(eq(referrals.leadId, lead.id));
    expect(rewardBefore.rewards.amountCents).toBe(12_000);

    expect(totalViolations(await checkInvariants(t.db))).toBe(0);
    const res = await call(erase, "POST /api/v1/privacy/erase", {
      headers: admin.headers,
      body: { phone: "(555) 777-0123", reason: "CCPA deletion request #42" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ leads: 1, consents: 2, clicks: 1 });

    for (const v of SEARCH) expect(await everywhere(v), v).toEqual([]);

    // Kept: the consent proof, the lead's facts, the money trail, the partner; the audit names the person masked.
    const [after] = await t.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(after).toMatchObject({
      email: null,
      phone: null,
      zip: null,
      message: null,
      externalId: null,
      state: "NY",
      insuranceType: "LIFE",
      status: "CONVERTED",
    });
    expect(after.anonymisedAt).toBeInstanceOf(Date);
    const [consentAfter] = await t.db.select().from(leadConsents).where(eq(leadConsents.id, consentBefore.id));
    expect(consentAfter).toMatchObject({
      textHash: consentBefore.textHash,
      consentedAt: consentBefore.consentedAt,
      textVersion: consentBefore.textVersion,
      ip: null,
      userAgent: null,
    });
    const [rewardAfter] = await t.db.select().from(rewards).where(eq(rewards.id, rewardBefore.rewards.id));
    expect(rewardAfter).toMatchObject({ amountCents: 12_000, baseCents: 120_000, status: rewardBefore.rewards.status });
    const [clickAfter] = await t.db.select().from(referralClicks).where(eq(referralClicks.id, click.id));
    expect(clickAfter).toMatchObject({
      partnerId: a.partner.id,
      code: a.code,
      ipHash: null,
      userAgent: null,
      landingUrl: null,
    });
    const [partnerAfter] = await t.db.select().from(partners).where(eq(partners.id, a.partner.id));
    expect(partnerAfter.email).toBe(a.partner.email);
    const [request] = await t.db.select().from(events).where(eq(events.action, "privacy.erased"));
    expect(request.data).toMatchObject({
      subject: { phone: "***-***-0123" },
      reason: "CCPA deletion request #42",
      leadIds: [lead.id],
    });
    const anonymised = await t.db.select().from(events).where(eq(events.action, "lead.anonymised"));
    expect(anonymised.map((e) => e.entityId)).toEqual([lead.id]);
    expect(await t.db.select().from(events).where(eq(events.action, "privacy.exported"))).toHaveLength(1);

    const inv = await checkInvariants(t.db);
    expect(inv.filter((r) => r.violations > 0)).toEqual([]);
    expect(totalViolations(inv)).toBe(0);
  }, 120_000); // searches every text column of every table, several times

  it("a person with no records still gets an audited request; bad input names the field", async () => {
    expect(totalViolations(await checkInvariants(t.db))).toBe(0);
    const res = await call(erase, "POST /api/v1/privacy/erase", {
      headers: admin.headers,
      body: { email: "nobody@privacy.example", reason: "GDPR art. 17" },
    });
    expect(res.status).toBe(200);
    expect(res.body.leads).toBe(0);
    const [ev] = await t.db.select().from(events).where(eq(events.entityId, res.body.requestId));
    expect(ev.data).toMatchObject({ subject: { email: "n***@privacy.example" } });
    const none = await call(erase, "POST /api/v1/privacy/erase", { headers: admin.headers, body: { reason: "x" } });
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { path: string }) => e.path)).toContain("email");
    const noReason = await call(erase, "POST /api/v1/privacy/erase", {
      headers: admin.headers,
      body: { email: "a@b.example" },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toContain("reason");
  });
});
