import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/webhooks/leads/route";
import { inboundWebhooks, leadConsents, leads, outbox, referrals, rewards } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { rotateInboundSecret } from "@/lib/webhooks/inbound-secret";
import { call, setupApiTest, type ApiTest, type TestPartner } from "../helpers/http";
import { signedRequest } from "./sign";

const ROUTE = "POST /api/v1/webhooks/leads";

describe("inbound CRM events through POST /api/v1/webhooks/leads", () => {
  let t: ApiTest;
  let secret: string;
  let partner: TestPartner;
  const send = (payload: unknown, opts: Parameters<typeof signedRequest>[2] = {}, key = secret) => {
    const r = signedRequest(key, payload, opts);
    return call(POST, ROUTE, { body: r.body, headers: Object.fromEntries(r.headers) });
  };
  const countOf = async (table: typeof leads | typeof inboundWebhooks | typeof referrals) =>
    (await t.db.select({ n: count() }).from(table))[0].n;
  const lead = (o: Record<string, unknown> = {}) => ({
    firstName: "Casey",
    lastName: "Jordan",
    email: "casey.jordan@example.com",
    phone: "(555) 010-2030",
    insuranceType: "home",
    externalId: "crm-1001",
    consent: { given: true, textVersion: "crm-2026-01", ip: "198.51.100.7", capturedBy: "crm form 12" },
    ...o,
  });

  beforeAll(async () => {
    t = await setupApiTest();
    secret = await rotateInboundSecret(t.db, systemActor("test"));
    partner = await t.partner({ commissionRateBps: 1000 });
  });
  afterAll(() => t.close());

  it("lead.created with a referral code: the lead, its consent (channel WEBHOOK) and a referral; unknown fields kept raw", async () => {
    const payload = {
      type: "lead.created",
      timestamp: new Date().toISOString(),
      data: { ...lead({ referralCode: partner.code.toLowerCase() }), crmScore: 87, owner: { id: 5 } },
      vendor: "acme-crm",
    };
    const res = await send(payload, { id: "msg_created_1" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      received: true,
      duplicate: false,
      webhookId: "msg_created_1",
      result: { referralStatus: "PENDING" },
    });
    const [l] = await t.db.select().from(leads).where(eq(leads.externalId, "crm-1001"));
    expect(l).toMatchObject({
      email: "casey.jordan@example.com",
      phone: "5550102030",
      insuranceType: "HOME",
      status: "NEW",
    });
    const [consent] = await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, l.id));
    expect(consent).toMatchObject({ channel: "WEBHOOK", textVersion: "crm-2026-01", ip: "198.51.100.7" });
    const [r] = await t.db.select().from(referrals).where(eq(referrals.leadId, l.id));
    expect(r).toMatchObject({ partnerId: partner.partner.id, status: "PENDING" });
    const [raw] = await t.db.select().from(inboundWebhooks).where(eq(inboundWebhooks.webhookId, "msg_created_1"));
    expect(raw.payload).toEqual(payload);
  });

  it("the same webhook-id again answers 200 with the first result and has no second effect", async () => {
    const before = { leads: await countOf(leads), referrals: await countOf(referrals) };
    const payload = {
      type: "lead.created",
      data: lead({ externalId: "crm-1002", email: "other@example.com", phone: undefined }),
    };
    const first = await send(payload, { id: "msg_dup" });
    const again = await send(payload, { id: "msg_dup" });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, result: first.body.result });
    expect(await countOf(leads)).toBe(before.leads + 1);
  });

  it("bad, stale and unsigned requests answer 401 and write nothing", async () => {
    const before = { leads: await countOf(leads), inbound: await countOf(inboundWebhooks) };
    const payload = { type: "lead.created", data: lead({ externalId: "crm-evil", email: "evil@example.com" }) };
    expect((await send(payload, {}, `whsec_${Buffer.alloc(32, 9).toString("base64")}`)).status).toBe(401);
    expect((await send(payload, { at: new Date(Date.now() - 6 * 60_000) })).status).toBe(401);
    const unsigned = await call(POST, ROUTE, { body: payload });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get("content-type")).toContain("application/problem+json");
    expect({ leads: await countOf(leads), inbound: await countOf(inboundWebhooks) }).toEqual(before);
  });

  it("an invalid lead answers 400 naming the field; nothing is written, so the CRM may fix and resend the same id", async () => {
    const before = { leads: await countOf(leads), inbound: await countOf(inboundWebhooks) };
    const bad = await send(
      { type: "lead.created", data: lead({ consent: undefined, externalId: "crm-bad" }) },
      { id: "msg_bad" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain("consent");
    expect({ leads: await countOf(leads), inbound: await countOf(inboundWebhooks) }).toEqual(before);
    const fixed = await send(
      { type: "lead.created", data: lead({ externalId: "crm-bad", email: "fixed@example.com", phone: undefined }) },
      { id: "msg_bad" },
    );
    expect(fixed.status).toBe(200);
  });

  it("lead.status_changed QUALIFIED accepts the referral; lead.converted with a value converts it and calculates the reward", async () => {
    const q = await send({
      type: "lead.status_changed",
      data: { externalId: "crm-1001", status: "qualified", crmStage: "Qualified (phone)" },
    });
    expect(q.status).toBe(200);
    expect(q.body.result).toMatchObject({ leadStatus: "QUALIFIED", referralStatus: "ACCEPTED" });
    const [l] = await t.db.select().from(leads).where(eq(leads.externalId, "crm-1001"));
    const c = await send(
      { type: "lead.converted", data: { leadId: l.id, conversionValue: 1000.0, policyNumber: "P-77" } },
      { id: "msg_conv" },
    );
    expect(c.status).toBe(200);
    expect(c.body.result).toMatchObject({ leadStatus: "CONVERTED", referralStatus: "CONVERTED" });
    const [r] = await t.db.select().from(referrals).where(eq(referrals.leadId, l.id));
    const [w] = await t.db.select().from(rewards).where(eq(rewards.referralId, r.id));
    expect(w).toMatchObject({ status: "CALCULATED", amountCents: 10_000, baseCents: 100_000, currency: "USD" });
    const hooks = await t.db.select({ type: outbox.eventType }).from(outbox);
    expect(hooks.map((h) => h.type)).toEqual(
      expect.arrayContaining(["referral.accepted", "referral.converted", "reward.calculated"]),
    );
    // The CRM retries the conversion: one reward.
    const retry = await send(
      { type: "lead.converted", data: { leadId: l.id, conversionValue: 1000.0, policyNumber: "P-77" } },
      { id: "msg_conv" },
    );
    expect(retry.body.duplicate).toBe(true);
    expect(await t.db.select().from(rewards).where(eq(rewards.referralId, r.id))).toHaveLength(1);
  });

  it("a status event for an unknown lead answers 404 and writes nothing; an unknown event type is kept and ignored", async () => {
    const before = await countOf(inboundWebhooks);
    expect((await send({ type: "lead.status_changed", data: { externalId: "nobody", status: "LOST" } })).status).toBe(
      404,
    );
    expect((await send({ type: "lead.status_changed", data: { status: "LOST" } })).status).toBe(400);
    expect((await send({ type: "lead.converted", data: { leadId: "not-a-uuid", conversionValue: 5 } })).status).toBe(
      404,
    );
    expect(await countOf(inboundWebhooks)).toBe(before);
    const other = await send({ type: "contact.updated", data: { id: 1 } });
    expect(other.status).toBe(200);
    expect(other.body.result).toMatchObject({ ignored: true });
  });
});
