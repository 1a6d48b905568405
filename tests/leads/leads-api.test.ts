import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOne, PATCH } from "@/app/api/v1/leads/[id]/route";
import { GET as list, POST } from "@/app/api/v1/leads/route";
import { events, leadConsents, leads, referrals, rewards } from "@/db/schema";
import { CURRENT_CONSENT_VERSION, consentText } from "@/lib/leads/consent-text";
import { call, setupApiTest, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";
import { apiLeadBody } from "../helpers/api-fixtures";
import { setEnv } from "../helpers/env";

let t: ApiTest;
let admin: TestUser;
let a: TestPartner;
let b: TestPartner;
let adminKey: Record<string, string>;
let n = 0;
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const leadCount = async () => Number((await t.db.select({ n: count() }).from(leads))[0].n);

beforeAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: "1000" });
  t = await setupApiTest();
  admin = await t.admin();
  a = await t.partner();
  b = await t.partner();
  adminKey = (await t.apiKey("ADMIN")).headers;
});
afterAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: undefined });
  await t.close();
});

describe("POST /api/v1/leads", () => {
  it("an integration key creates the lead, its referral and the consent it attests to", async () => {
    const res = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: apiLeadBody({
        phone: "(555) 123-4567",
        referralCode: a.code.toLowerCase(),
        source: "Facebook",
        subId: "s-9",
        utmCampaign: "fall",
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: "Lena",
      phone: "5551234567",
      insuranceType: "HOME",
      status: "NEW",
      merged: false,
    });
    expect(res.body.referral).toMatchObject({
      partnerId: a.partner.id,
      referralCode: a.code,
      status: "PENDING",
      source: "SOCIAL_MEDIA",
      subId: "s-9",
      utmCampaign: "fall",
    });
    const [consent] = await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, res.body.id));
    expect(consent).toMatchObject({ textVersion: "crm-terms-7", textHash: sha("crm-terms-7"), channel: "API" });
  });

  it("hashes our own consent text when the version is ours", async () => {
    const res = await call(POST, "POST /api/v1/leads", {
      headers: admin.headers,
      body: apiLeadBody({ consent: { given: true, textVersion: CURRENT_CONSENT_VERSION } }),
    });
    expect(res.status).toBe(201);
    const [consent] = await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, res.body.id));
    expect(consent.textHash).toBe(sha(consentText("Acme Insurance Quotes")!));
  });

  it("merges the same person within 24 hours (200) and keeps both consent records", async () => {
    const first = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: apiLeadBody({ email: "twice@example.com" }),
    });
    const again = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: apiLeadBody({ email: "TWICE@example.com", lastName: "Leadbetter" }),
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, lastName: "Leadbetter", merged: true });
    expect(await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, first.body.id))).toHaveLength(2);
  });

  it("concurrent submissions of one person make one lead and one referral; crossed identities never deadlock", async () => {
    const email = `storm${++n}@example.com`;
    const phone = `555${String(n).padStart(7, "0")}`;
    const storm = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(POST, "POST /api/v1/leads", {
          headers: adminKey,
          body: apiLeadBody({ email, ...(i % 2 ? { phone } : {}), referralCode: a.code }),
        }),
      ),
    );
    expect(storm.map((r) => r.status).sort()).toEqual([...Array(11).fill(200), 201]);
    const ids = new Set(storm.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(await t.db.select().from(referrals).where(eq(referrals.leadId, id))).toHaveLength(1);
    expect(await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, id))).toHaveLength(12);
    const audit = await t.db.select().from(events).where(eq(events.entityId, id));
    expect(audit.map((e) => e.action).sort()).toEqual(["lead.created", ...Array(11).fill("lead.merged")]);

    // Two people whose e-mail and phone cross (x/p1 and y/p2, then x/p2 and y/p1) take their locks in one order.
    const [x, y] = [`cross${++n}@example.com`, `cross${++n}@example.com`];
    const [p1, p2] = [`556${String(n).padStart(7, "0")}`, `557${String(n).padStart(7, "0")}`];
    const crossed = await Promise.all(
      [
        [x, p1],
        [y, p2],
        [x, p2],
        [y, p1],
      ].flatMap(([e, p]) =>
        Array.from({ length: 3 }, () =>
          call(POST, "POST /api/v1/leads", { headers: adminKey, body: apiLeadBody({ email: e, phone: p }) }),
        ),
      ),
    );
    expect(crossed.every((r) => r.status === 200 || r.status === 201)).toBe(true);
  });

  it("an unknown code still saves the lead, without a referral", async () => {
    const res = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: apiLeadBody({ referralCode: "NOSUCH0000" }),
    });
    expect(res.status).toBe(201);
    expect(res.body.referral).toBeNull();
  });

  it("a partner's lead is its own referral, answered masked; another partner's code is refused", async () => {
    const mine = await call(POST, "POST /api/v1/leads", {
      headers: a.headers,
      body: apiLeadBody({ email: "prospect.one@example.com", phone: "5550001234", zip: "73301" }),
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ lastName: "L.", email: "p***@example.com", phone: "***-***-1234" });
    expect(mine.body.zip).toBeUndefined();
    expect(mine.body.referral).toMatchObject({ partnerId: a.partner.id, referralCode: a.code });
    const before = await leadCount();
    const theirs = await call(POST, "POST /api/v1/leads", {
      headers: a.headers,
      body: apiLeadBody({ referralCode: b.code }),
    });
    expect(theirs.status).toBe(400);
    expect(theirs.body.errors).toEqual([{ path: "referralCode", message: "Not your referral code" }]);
    expect(await leadCount()).toBe(before);
  });

  it("refuses bad bodies with problem+json naming every field, writing nothing", async () => {
    const before = await leadCount();
    const res = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: {
        firstName: "",
        lastName: "X",
        email: "not-an-email",
        insuranceType: "boat",
        consent: { given: false, textVersion: "v" },
        extra: 1,
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["firstName", "email", "insuranceType", "consent.given", "extra"]));
    const noContact = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: { ...apiLeadBody(), email: undefined },
    });
    expect(noContact.status).toBe(400);
    expect(noContact.body.errors.map((e: { path: string }) => e.path)).toEqual(["email", "phone"]);
    const noConsent = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: { ...apiLeadBody(), consent: undefined },
    });
    expect(noConsent.body.errors.map((e: { path: string }) => e.path)).toEqual(["consent"]);
    expect((await call(POST, "POST /api/v1/leads", { headers: adminKey, body: "{not json" })).status).toBe(400);
    expect(await leadCount()).toBe(before);
  });

  it("an integration is limited per credential, not in the per-IP quote bucket", async () => {
    setEnv({ RATE_LIMIT_QUOTE: "3" });
    setEnv({ API_CREDENTIAL_RATE_LIMIT: "5" });
    try {
      const key = (await t.apiKey("ADMIN")).headers;
      const headers = { ...key, "x-forwarded-for": "198.51.100.77" };
      // Fixed windows: a run straddling a window boundary restarts the count once (at most 10 accepted).
      const statuses: number[] = [];
      for (let i = 0; i < 11 && !statuses.includes(429); i++)
        statuses.push((await call(POST, "POST /api/v1/leads", { headers, body: apiLeadBody() })).status);
      const first429 = statuses.indexOf(429);
      expect(first429).toBeGreaterThanOrEqual(5);
      expect(statuses.slice(0, first429).every((s) => s === 201)).toBe(true);
      const res = await call(POST, "POST /api/v1/leads", { headers, body: apiLeadBody() });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(res.headers.get("ratelimit-limit")).toBe("5");
      expect(res.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ status: 429 });
      // Another credential from the same address has its own bucket.
      const other = { ...(await t.apiKey("ADMIN")).headers, "x-forwarded-for": "198.51.100.77" };
      const ok = await call(POST, "POST /api/v1/leads", { headers: other, body: apiLeadBody() });
      expect(ok.status).toBe(201);
      expect(ok.headers.get("ratelimit-limit")).toBe("5");
      expect(ok.headers.get("ratelimit-remaining")).toBe("4");
    } finally {
      setEnv({ RATE_LIMIT_QUOTE: "1000" });
      setEnv({ API_CREDENTIAL_RATE_LIMIT: undefined });
    }
  });

  it("the default per-credential limit lets a CRM push far more than the anonymous quote limit", async () => {
    const headers = { ...(await t.apiKey("ADMIN")).headers, "x-forwarded-for": "198.51.100.79" };
    setEnv({ RATE_LIMIT_QUOTE: "3" });
    try {
      for (let i = 0; i < 12; i++)
        expect((await call(POST, "POST /api/v1/leads", { headers, body: apiLeadBody() })).status).toBe(201);
      const res = await call(POST, "POST /api/v1/leads", { headers, body: apiLeadBody() });
      expect(res.headers.get("ratelimit-limit")).toBe("6000");
    } finally {
      setEnv({ RATE_LIMIT_QUOTE: "1000" });
    }
  });

  it("needs credentials", async () => {
    expect((await call(POST, "POST /api/v1/leads", { body: apiLeadBody() })).status).toBe(401);
  });
});

describe("GET /api/v1/leads and /api/v1/leads/{id}", () => {
  let leadOfA: string;
  beforeAll(async () => {
    leadOfA = (
      await call(POST, "POST /api/v1/leads", {
        headers: adminKey,
        body: apiLeadBody({ email: "owned.by.a@example.com", referralCode: a.code }),
      })
    ).body.id;
  });

  it("admins list and filter every lead; partners only theirs, masked", async () => {
    const all = await call(list, "GET /api/v1/leads", { headers: admin.headers, query: { pageSize: 100 } });
    expect(all.status).toBe(200);
    expect(all.body.pagination).toMatchObject({ page: 1, pageSize: 100, total: await leadCount() });
    const found = await call(list, "GET /api/v1/leads", {
      headers: admin.headers,
      query: { q: "owned.by.a@example.com" },
    });
    expect(found.body.data.map((l: { id: string }) => l.id)).toEqual([leadOfA]);
    const partnerView = await call(list, "GET /api/v1/leads", { headers: a.headers, query: { pageSize: 100 } });
    expect(partnerView.body.data.map((l: { id: string }) => l.id)).toContain(leadOfA);
    expect(partnerView.body.data.every((l: { email: string | null }) => !l.email || l.email.includes("***"))).toBe(
      true,
    );
    const other = await call(list, "GET /api/v1/leads", { headers: b.headers });
    expect(other.body.data).toEqual([]);
  });

  it("refuses bad list parameters by name", async () => {
    const res = await call(list, "GET /api/v1/leads", {
      headers: admin.headers,
      query: { pageSize: 500, status: "WON", colour: "red" },
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).join(" ");
    expect(paths).toContain("pageSize");
    expect(paths).toContain("status");
    expect(paths).toContain("colour");
  });

  it("shows one lead with its referrals and consent evidence; another partner's lead is 404", async () => {
    const res = await call(getOne, "GET /api/v1/leads/[id]", { headers: admin.headers, params: { id: leadOfA } });
    expect(res.status).toBe(200);
    expect(res.body.referrals).toHaveLength(1);
    expect(res.body.consents).toHaveLength(1);
    const mine = await call(getOne, "GET /api/v1/leads/[id]", { headers: a.headers, params: { id: leadOfA } });
    expect(mine.status).toBe(200);
    expect(mine.body.email).toBe("o***@example.com");
    expect(mine.body.consents).toEqual([]);
    expect((await call(getOne, "GET /api/v1/leads/[id]", { headers: b.headers, params: { id: leadOfA } })).status).toBe(
      404,
    );
    expect(
      (
        await call(getOne, "GET /api/v1/leads/[id]", {
          headers: admin.headers,
          params: { id: "00000000-0000-4000-8000-000000000000" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(getOne, "GET /api/v1/leads/[id]", { headers: admin.headers, params: { id: "nope" } })).status,
    ).toBe(400);
  });
});

describe("PATCH /api/v1/leads/{id}: the lead's status drives its referral", () => {
  const newLead = async () =>
    (await call(POST, "POST /api/v1/leads", { headers: adminKey, body: apiLeadBody({ referralCode: a.code }) }))
      .body as {
      id: string;
      referral: { id: string };
    };
  const patch = (id: string, b2: unknown, headers = adminKey) =>
    call(PATCH, "PATCH /api/v1/leads/[id]", { headers, params: { id }, body: b2 });
  const referralOf = async (id: string) => (await t.db.select().from(referrals).where(eq(referrals.id, id)))[0];

  it("QUALIFIED accepts the referral; CONVERTED with a value converts it with a calculated reward", async () => {
    const lead = await newLead();
    const q = await patch(lead.id, { status: "qualified" });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ status: "QUALIFIED", referralChange: { from: "PENDING", to: "ACCEPTED" } });
    expect((await referralOf(lead.referral.id)).status).toBe("ACCEPTED");
    const c = await patch(lead.id, { status: "CONVERTED", conversionValue: 1000.0 });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({
      status: "CONVERTED",
      conversionValueCents: 100000,
      referral: { status: "CONVERTED" },
    });
    const [reward] = await t.db.select().from(rewards).where(eq(rewards.referralId, lead.referral.id));
    expect(reward).toMatchObject({ status: "CALCULATED", amountCents: 10000 });
  });

  it("CONVERTED without a value leaves a PENDING reward; LOST afterwards saves the lead and says why the referral stayed", async () => {
    const lead = await newLead();
    expect((await patch(lead.id, { status: "CONVERTED" })).status).toBe(200);
    const [reward] = await t.db.select().from(rewards).where(eq(rewards.referralId, lead.referral.id));
    expect(reward.status).toBe("PENDING");
    const lost = await patch(lead.id, { status: "LOST" });
    expect(lost.status).toBe(200);
    expect(lost.body.status).toBe("LOST");
    expect(lost.body.referralChange.skipped).toMatch(/CONVERTED/);
    expect((await referralOf(lead.referral.id)).status).toBe("CONVERTED");
  });

  it("LOST rejects a pending referral with LEAD_LOST", async () => {
    const lead = await newLead();
    await patch(lead.id, { status: "LOST" });
    expect(await referralOf(lead.referral.id)).toMatchObject({ status: "REJECTED", rejectionReason: "LEAD_LOST" });
  });

  it("partners never change a lead's status; bad input is named; unknown leads are 404", async () => {
    const lead = await newLead();
    expect((await patch(lead.id, { status: "CONTACTED" }, a.headers)).status).toBe(403);
    expect(
      (await patch(lead.id, { status: "CONTACTED" }, (await t.apiKey("PARTNER", a.partner.id)).headers)).status,
    ).toBe(403);
    const bad = await patch(lead.id, { status: "WON", firstName: "X" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["firstName", "status"]);
    const valueWrongStatus = await patch(lead.id, { status: "QUOTED", conversionValue: 10 });
    expect(valueWrongStatus.status).toBe(400);
    expect((await t.db.select().from(leads).where(eq(leads.id, lead.id)))[0].status).toBe("NEW");
    expect((await patch("00000000-0000-4000-8000-000000000000", { status: "LOST" })).status).toBe(404);
  });
});
