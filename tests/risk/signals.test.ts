import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as visit } from "@/app/(public)/r/[code]/route";
import { POST as createLead } from "@/app/api/v1/leads/route";
import { POST as createReferral } from "@/app/api/v1/referrals/route";
import { POST as linkLead } from "@/app/api/v1/referrals/[id]/link-to-lead/route";
import { POST as convert } from "@/app/api/v1/referrals/[id]/process-conversion/route";
import { referralClicks, referrals, riskIdentities, riskSignals } from "@/db/schema";
import { decodeRef } from "@/lib/attribution/ref-cookie-value";
import { publicActor } from "@/lib/audit/actor";
import { captureQuote, quoteFormSchema } from "@/lib/leads/quote-submit";
import { mailboxOf, normalizePhoneDigits } from "@/lib/risk/normalize";
import { median, robustScale } from "@/lib/risk/outliers";
import { call, setupApiTest, type ApiTest, type TestPartner } from "../helpers/http";
import { setEnv } from "../helpers/env";
import { quoteFormFields } from "../helpers/quote-form";

/**
 * Every fraud signal, built through the public API or the quote form: the pattern that fires it, and
 * honest traffic of the same shape that does not.
 */
let t: ApiTest;
let key: Record<string, string>;
let a: TestPartner;
let b: TestPartner;
let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: "1000" });
  t = await setupApiTest();
  key = (await t.apiKey("ADMIN")).headers;
  a = await t.partner();
  b = await t.partner();
});
afterAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: undefined });
  await t.close();
});

async function lead(p: TestPartner, extra: Record<string, unknown> = {}, consent: Record<string, unknown> = {}) {
  const res = await call(createLead, "POST /api/v1/leads", {
    headers: key,
    body: {
      firstName: "Sig",
      lastName: "Nal",
      email: `sig-${uniq()}@example.com`,
      insuranceType: "AUTO",
      referralCode: p.code,
      consent: { given: true, textVersion: "crm-1", ...consent },
      ...extra,
    },
  });
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status); // 200: merged into the same person's lead
  return res.body.referral as { id: string; status: string; rejectionReason: string | null };
}
const kinds = async (referralId: string) =>
  (await t.db.select({ kind: riskSignals.kind }).from(riskSignals).where(eq(riskSignals.referralId, referralId)))
    .map((s) => s.kind)
    .sort();
const evidence = async (referralId: string, kind: string) =>
  (await t.db.select().from(riskSignals).where(eq(riskSignals.referralId, referralId))).find((s) => s.kind === kind)
    ?.evidence as Record<string, unknown> | undefined;
/**
 * Of partner a's referral `first` and another partner's `second` of the same person, only `second` is flagged
 * SHARED_IDENTITY, on `identifiers`, pointing back at `first`.
 */
async function expectSharedWithA(first: string, second: string, identifiers: string[]) {
  expect(await kinds(first)).toEqual([]);
  expect(await kinds(second)).toEqual(["SHARED_IDENTITY"]);
  expect(await evidence(second, "SHARED_IDENTITY")).toMatchObject({
    identifiers,
    otherPartnerIds: [a.partner.id],
    otherReferralIds: [first],
  });
}
/** A fresh documentation-range address per test, so tests do not share an IP. */
let ipN = 0;
const freshIp = () => `198.51.${100 + (++ipN >> 8)}.${ipN & 255}`;

describe("normalisation", () => {
  it.each([
    ["Ann.Lee+promo@GMAIL.com", "annlee@gmail.com"],
    ["a.n.n.lee@googlemail.com", "annlee@gmail.com"],
    ["ann.lee+x@example.com", "ann.lee@example.com"],
    ["plain@example.com", "plain@example.com"],
  ])("%s → %s", (raw, want) => expect(mailboxOf(raw)).toBe(want));
  it("phones: digits only, a leading North American 1 dropped", () => {
    expect(normalizePhoneDigits("+1 (555) 010-2222")).toBe("5550102222");
    expect(normalizePhoneDigits("555.010.2222")).toBe("5550102222");
    expect(normalizePhoneDigits("442071234567")).toBe("442071234567");
  });
  it("median and the robust scale", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(robustScale([0.1, 0.15, 0.1, 0.2, 0.9], 0.15)).toBeCloseTo(1.4826 * 0.05);
    expect(robustScale([1, 1, 1, 1, 5], 1)).toBeCloseTo((1.2533 * 4) / 5);
  });
});

describe("velocity", () => {
  it("fires on the fourth lead from one IP inside the window, across two partners", async () => {
    const ip = freshIp();
    const rs = [];
    for (const p of [a, b, a, b]) rs.push(await lead(p, {}, { ip }));
    for (const r of rs.slice(0, 3)) expect(await kinds(r.id)).not.toContain("VELOCITY");
    expect(await kinds(rs[3].id)).toContain("VELOCITY");
    expect(await evidence(rs[3].id, "VELOCITY")).toMatchObject({ leadsFromIp: 4, partners: 2, windowMinutes: 60 });
  });
  it("fires for one partner alone too", async () => {
    const ip = freshIp();
    const rs = [];
    for (let i = 0; i < 4; i++) rs.push(await lead(a, {}, { ip }));
    expect(await kinds(rs[3].id)).toEqual(["VELOCITY"]);
  });
  it("honest: four leads from four addresses through the same partners do not fire it", async () => {
    const rs = [];
    for (const p of [a, b, a, b]) rs.push(await lead(p, {}, { ip: freshIp() }));
    for (const r of rs) expect(await kinds(r.id)).toEqual([]);
  });
});

describe("shared identity", () => {
  it("a dotted, plus-addressed Gmail of the same person behind another partner fires it", async () => {
    const id = uniq();
    const first = await lead(a, { email: `ann.lee.${id}+quotes@gmail.com` });
    const second = await lead(b, { email: `annlee${id}@googlemail.com` });
    expect(first.status).toBe("PENDING");
    expect(second.status).toBe("PENDING"); // not the same stored e-mail: ownership does not catch it
    await expectSharedWithA(first.id, second.id, ["EMAIL"]);
  });
  it("the same phone digits with a country code, and the same IP, behind another partner fire it", async () => {
    const digits = `555${String(1_000_000 + n * 7919).slice(-7)}`;
    const ip = freshIp();
    await lead(a, { phone: digits }, { ip });
    const second = await lead(b, { phone: `+1 ${digits}` }, { ip });
    expect(second.status).toBe("PENDING");
    expect(await evidence(second.id, "SHARED_IDENTITY")).toMatchObject({ identifiers: ["IP", "PHONE"] });
  });
  it("honest: two different people through two partners, and one person twice through one partner", async () => {
    const id = uniq();
    const x = await lead(a, { email: `kim.${id}@gmail.com`, phone: `555${String(2_000_000 + n).slice(-7)}` });
    const y = await lead(b, { email: `lou.${id}@gmail.com`, phone: `555${String(3_000_000 + n).slice(-7)}` });
    const z = await lead(a, { email: `kim.${id}+again@gmail.com` });
    expect(await kinds(x.id)).toEqual([]);
    expect(await kinds(y.id)).toEqual([]);
    expect(await kinds(z.id)).toEqual([]);
  });
});

describe("disposable e-mail", () => {
  it("a throwaway domain from the maintained list fires it; an ordinary one does not", async () => {
    const bad = await lead(a, { email: `burner-${uniq()}@mailinator.com` });
    expect(await kinds(bad.id)).toEqual(["DISPOSABLE_EMAIL"]);
    expect(await evidence(bad.id, "DISPOSABLE_EMAIL")).toEqual({ domain: "mailinator.com" });
    const good = await lead(a, { email: `someone-${uniq()}@gmail.com` });
    expect(await kinds(good.id)).toEqual([]);
  });
});

describe("the engine's rejections appear as signals", () => {
  it("self-referral and a duplicate lead; a fresh lead has none", async () => {
    const self = await lead(a, { email: a.partner.email });
    expect(self).toMatchObject({ status: "REJECTED", rejectionReason: "SELF_REFERRAL" });
    expect(await kinds(self.id)).toEqual(["SELF_REFERRAL"]);
    const email = `dup-${uniq()}@example.com`;
    const owner = await lead(a, { email });
    const dup = await lead(b, { email });
    expect(dup).toMatchObject({ status: "REJECTED", rejectionReason: "DUPLICATE_LEAD" });
    expect(await kinds(dup.id)).toEqual(["DUPLICATE_LEAD", "SHARED_IDENTITY"]);
    expect(await kinds(owner.id)).toEqual([]);
  });
});

/** The quote form as the browser posts it. */
const form = (fields: Record<string, string>) => quoteFormSchema.parse(quoteFormFields(fields));
/** A visit to the partner's link, then the quote form; `device` is the browser's device cookie from earlier. */
async function quoteThroughLink(p: TestPartner, ip: string, clickAgeSeconds: number, device?: string) {
  const headers: Record<string, string> = { "x-forwarded-for": ip, "user-agent": "Mozilla/5.0 (signals)" };
  if (device) headers.cookie = `rp_dev=${device}`;
  const click = await visit(new NextRequest(`http://localhost:3000/r/${p.code}`, { headers }), {
    params: Promise.resolve({ code: p.code }),
  });
  const cookie = click.cookies.get("rp_ref")!.value;
  const deviceId = device ?? click.cookies.get("rp_dev")!.value;
  const clickId = decodeRef(cookie, 30)!.clickId!;
  // The visitor read the page for a while before sending the form.
  if (clickAgeSeconds > 0)
    await t.db
      .update(referralClicks)
      .set({ createdAt: new Date(Date.now() - clickAgeSeconds * 1000) })
      .where(eq(referralClicks.id, clickId));
  const l = await captureQuote(t.db, form({ referralCode: p.code }), {
    actor: publicActor(),
    headers: new Headers(headers),
    refCookie: cookie,
    deviceId,
  });
  const [r] = await t.db.select().from(referrals).where(eq(referrals.leadId, l.id));
  return Object.assign(r, { deviceId, setCookie: click.cookies.get("rp_dev")?.value });
}

describe("shared identity: the device cookie", () => {
  it("one browser behind two partners' links fires it, from other addresses and e-mails; its id is stored hashed", async () => {
    const first = await quoteThroughLink(a, freshIp(), 120);
    expect(first.deviceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const second = await quoteThroughLink(b, freshIp(), 120, first.deviceId);
    expect(second.setCookie).toBeUndefined(); // the link keeps the browser's cookie
    await expectSharedWithA(first.id, second.id, ["DEVICE"]);
    const stored = await t.db.select().from(riskIdentities).where(eq(riskIdentities.referralId, second.id));
    const device = stored.find((i) => i.kind === "DEVICE")!;
    expect(device.value).toBe(createHash("sha256").update(`DEVICE:${first.deviceId}`).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(first.deviceId);
  });
  it("honest: two browsers through two partners, and one browser twice through one partner", async () => {
    const x = await quoteThroughLink(a, freshIp(), 120);
    const y = await quoteThroughLink(b, freshIp(), 120);
    const z = await quoteThroughLink(a, freshIp(), 120, x.deviceId);
    expect(y.deviceId).not.toBe(x.deviceId);
    for (const r of [x, y, z]) expect(await kinds(r.id)).toEqual([]);
  });
});

describe("link-to-lead: the capture signals too", () => {
  const pendingReferral = async (p: TestPartner) => {
    const res = await call(createReferral, "POST /api/v1/referrals", {
      headers: key,
      body: { partnerId: p.partner.id, referralCode: p.code, source: "phone" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const leadWithoutCode = async (email: string, ip: string) => {
    const res = await call(createLead, "POST /api/v1/leads", {
      headers: key,
      body: {
        firstName: "Lin",
        lastName: "Ked",
        email,
        insuranceType: "HOME",
        consent: { given: true, textVersion: "crm-1", ip },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.referral).toBeNull();
    return res.body.id as string;
  };
  const link = async (referralId: string, leadId: string) => {
    const res = await call(linkLead, "POST /api/v1/referrals/[id]/link-to-lead", {
      headers: key,
      params: { id: referralId },
      body: { leadId },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe("ACCEPTED");
  };

  it("the same person (dotted Gmail) from the same IP as another partner's referral, and a disposable domain, fire as with a code", async () => {
    const id = uniq();
    const ip = freshIp();
    const owner = await lead(a, { email: `ann.lee.${id}@gmail.com` }, { ip });
    const twin = await leadWithoutCode(`annlee${id}@gmail.com`, ip);
    const linked = await pendingReferral(b);
    await link(linked, twin);
    await expectSharedWithA(owner.id, linked, ["EMAIL", "IP"]);
    const burner = await pendingReferral(b);
    await link(burner, await leadWithoutCode(`burner-${uniq()}@mailinator.com`, freshIp()));
    expect(await kinds(burner)).toEqual(["DISPOSABLE_EMAIL"]);
  });
  it("honest: another person from another address linked to the same partner's referral fires nothing", async () => {
    await lead(a, { email: `kim.${uniq()}@gmail.com` }, { ip: freshIp() });
    const linked = await pendingReferral(b);
    await link(linked, await leadWithoutCode(`lou.${uniq()}@gmail.com`, freshIp()));
    expect(await kinds(linked)).toEqual([]);
  });
});

describe("too fast: the form", () => {
  it("a form sent a moment after the click fires it; one sent after two minutes on the page does not", async () => {
    const fast = await quoteThroughLink(a, freshIp(), 0);
    expect(fast.clickId).toBeTruthy();
    expect(await kinds(fast.id)).toEqual(["TOO_FAST_FORM"]);
    const slow = await quoteThroughLink(a, freshIp(), 120);
    expect(slow.clickId).toBeTruthy();
    expect(await kinds(slow.id)).toEqual([]);
  });
});

describe("at conversion", () => {
  const convertNow = async (id: string) => {
    const res = await call(convert, "POST /api/v1/referrals/[id]/process-conversion", {
      headers: key,
      params: { id },
      body: { conversionValueCents: 100_000 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const age = (id: string, minutes: number) =>
    t.db
      .update(referrals)
      .set({ createdAt: new Date(Date.now() - minutes * 60_000) })
      .where(eq(referrals.id, id));

  it("no click: a link-based referral converting without any click fires it; one with its click does not", async () => {
    const noClick = await lead(a, { source: "website" });
    await age(noClick.id, 600);
    await convertNow(noClick.id);
    expect(await kinds(noClick.id)).toEqual(["NO_CLICK"]);
    const withClick = await quoteThroughLink(b, freshIp(), 120);
    await age(withClick.id, 600);
    await convertNow(withClick.id);
    expect(await kinds(withClick.id)).toEqual([]);
  });
  it("no click is not asked of sources that never come through a link (phone, in person)", async () => {
    const phoned = await lead(a, { source: "phone" });
    await age(phoned.id, 600);
    await convertNow(phoned.id);
    expect(await kinds(phoned.id)).toEqual([]);
  });
  it("too fast: converted minutes after the lead fires it; a day later does not", async () => {
    const quick = await quoteThroughLink(a, freshIp(), 120);
    await age(quick.id, 2);
    await convertNow(quick.id);
    expect(await kinds(quick.id)).toEqual(["TOO_FAST_CONVERSION"]);
    expect(await evidence(quick.id, "TOO_FAST_CONVERSION")).toMatchObject({ minutes: 2 });
    const later = await quoteThroughLink(a, freshIp(), 120);
    await age(later.id, 1440);
    await convertNow(later.id);
    expect(await kinds(later.id)).toEqual([]);
  });
});
