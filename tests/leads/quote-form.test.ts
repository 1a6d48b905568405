import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as visit } from "@/app/(public)/r/[code]/route";
import { GET as validateGet, POST as validatePost } from "@/app/api/v1/partners/validate-referral-code/route";
import { leadConsents, leads, referrals } from "@/db/schema";
import { publicActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { encodeRef } from "@/lib/attribution/ref-cookie-value";
import { captureQuote, quoteFormSchema } from "@/lib/leads/quote-submit";
import { CURRENT_CONSENT_VERSION, consentText } from "@/lib/leads/consent-text";
import { NextRequest } from "next/server";
import { call, setupApiTest, type ApiTest, type TestPartner } from "../helpers/http";
import { setEnv } from "../helpers/env";
import { quoteFormFields } from "../helpers/quote-form";

let t: ApiTest;
let a: TestPartner;
let suspended: TestPartner;

beforeAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: "1000" });
  t = await setupApiTest();
  a = await t.partner();
  suspended = await t.partner({ status: "SUSPENDED" });
});
afterAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: undefined });
  setEnv({ RATE_LIMIT_CODE: undefined });
  await t.close();
});

/** The form as the browser posts it (FormData), parsed as the server action does. */
const form = (fields: Record<string, string>) => quoteFormSchema.safeParse(quoteFormFields(fields));
const browser = (ip = "192.0.2.10") =>
  new Headers({
    "x-forwarded-for": ip,
    "user-agent": "Mozilla/5.0 (Quote test)",
    referer: "http://localhost:3000/quote/auto?utm_source=newsletter",
  });

describe("the quote form's schema is the lead schema", () => {
  it("turns the checkbox into consent and refuses an unticked box next to it", () => {
    const ok = form({});
    expect(ok.success && ok.data.consent).toEqual({ given: true, textVersion: CURRENT_CONSENT_VERSION });
    const unticked = form({ consent: "" });
    expect(unticked.success).toBe(false);
    expect(unticked.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["consent.given", "Please agree to be contacted so we can send your quote"],
    ]);
  });

  it("names every bad field with a message a visitor can act on", () => {
    const r = form({ firstName: "", email: "", phone: "12", zip: "ABC", insuranceType: "" });
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["firstName", "phone", "zip", "insuranceType"]));
  });

  it("refuses fields the form does not have (strict)", () => {
    expect(form({ isAdmin: "true" }).success).toBe(false);
  });
});

describe("captureQuote", () => {
  it("stores the lead, the consent evidence with the hash of the exact text shown, and the referral with its click", async () => {
    const click = await visit(new NextRequest(`http://localhost:3000/r/${a.code}?sub=bio&utm_source=newsletter`), {
      params: Promise.resolve({ code: a.code }),
    });
    const cookie = click.cookies.get("rp_ref")!.value;
    const parsed = form({ referralCode: a.code, subId: "bio", utmSource: "newsletter" });
    const lead = await captureQuote(t.db, parsed.data!, {
      actor: publicActor(),
      headers: browser(),
      refCookie: cookie,
    });

    const [consent] = await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, lead.id));
    expect(consent).toMatchObject({
      textVersion: CURRENT_CONSENT_VERSION,
      textHash: createHash("sha256").update(consentText("Acme Insurance Quotes")!).digest("hex"),
      ip: "192.0.2.10",
      userAgent: "Mozilla/5.0 (Quote test)",
      pageUrl: "http://localhost:3000/quote/auto?utm_source=newsletter",
      channel: "FORM",
    });
    const [referral] = await t.db.select().from(referrals).where(eq(referrals.leadId, lead.id));
    expect(referral).toMatchObject({
      partnerId: a.partner.id,
      status: "PENDING",
      source: "EMAIL",
      subId: "bio",
      utmSource: "newsletter",
    });
    expect(referral.clickId).toBeTruthy();
  });

  it("ignores a forged click id in the cookie (the lead is still saved with its referral)", async () => {
    const forged = encodeRef({ code: a.code, clickId: "11111111-1111-4111-8111-111111111111", at: Date.now() });
    const lead = await captureQuote(t.db, form({ referralCode: a.code }).data!, {
      actor: publicActor(),
      headers: browser(),
      refCookie: forged,
    });
    const [referral] = await t.db.select().from(referrals).where(eq(referrals.leadId, lead.id));
    expect(referral).toMatchObject({ partnerId: a.partner.id, clickId: null });
  });

  it("never loses a lead to a bad code: unknown → no referral, suspended partner → REJECTED referral", async () => {
    const unknown = await captureQuote(t.db, form({ referralCode: "ZZZZ9999" }).data!, {
      actor: publicActor(),
      headers: browser(),
    });
    expect(await t.db.select().from(referrals).where(eq(referrals.leadId, unknown.id))).toEqual([]);
    const held = await captureQuote(t.db, form({ referralCode: suspended.code }).data!, {
      actor: publicActor(),
      headers: browser(),
    });
    const [r] = await t.db.select().from(referrals).where(eq(referrals.leadId, held.id));
    expect(r).toMatchObject({ status: "REJECTED", rejectionReason: "PARTNER_SUSPENDED" });
  });

  it("a partner referring itself gets a REJECTED referral (SELF_REFERRAL); the lead is kept", async () => {
    const lead = await captureQuote(t.db, form({ referralCode: a.code, email: a.partner.email }).data!, {
      actor: publicActor(),
      headers: browser(),
    });
    const [r] = await t.db.select().from(referrals).where(eq(referrals.leadId, lead.id));
    expect(r).toMatchObject({ partnerId: a.partner.id, status: "REJECTED", rejectionReason: "SELF_REFERRAL" });
  });

  it("the first partner keeps the lead: a second partner's code on a repeat submission is REJECTED (DUPLICATE_LEAD)", async () => {
    const b = await t.partner();
    const first = await captureQuote(t.db, form({ referralCode: a.code, email: "owned@example.com" }).data!, {
      actor: publicActor(),
      headers: browser(),
    });
    const again = await captureQuote(t.db, form({ referralCode: b.code, email: "owned@example.com" }).data!, {
      actor: publicActor(),
      headers: browser(),
    });
    expect(again.id).toBe(first.id);
    const refs = await t.db.select().from(referrals).where(eq(referrals.leadId, first.id));
    expect(refs.map((r) => [r.partnerId, r.status, r.rejectionReason]).sort()).toEqual(
      [
        [a.partner.id, "PENDING", null],
        [b.partner.id, "REJECTED", "DUPLICATE_LEAD"],
      ].sort(),
    );
    expect(await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, first.id))).toHaveLength(2);
  });

  it("refuses a consent text version it never showed, writing nothing", async () => {
    const before = Number((await t.db.select({ n: count() }).from(leads))[0].n);
    const err = await captureQuote(t.db, form({ consentTextVersion: "made-up" }).data!, {
      actor: publicActor(),
      headers: browser(),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.errors).toEqual([expect.objectContaining({ path: "consent" })]);
    expect(Number((await t.db.select({ n: count() }).from(leads))[0].n)).toBe(before);
  });

  it("limits leads per IP (settings, raised by RATE_LIMIT_QUOTE) with a friendly message", async () => {
    setEnv({ RATE_LIMIT_QUOTE: "2" });
    try {
      const ctx = { actor: publicActor(), headers: browser("192.0.2.99") };
      // Fixed windows: a run straddling a window boundary restarts the count once (at most 4 accepted).
      let accepted = 0;
      let err: unknown;
      while (!err && accepted <= 4) {
        err = await captureQuote(t.db, form({}).data!, ctx).then(
          () => void accepted++,
          (e) => e,
        );
      }
      expect(accepted).toBeGreaterThanOrEqual(2);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("rate_limited");
      expect((err as AppError).message).toMatch(/try again a little later/);
    } finally {
      setEnv({ RATE_LIMIT_QUOTE: "1000" });
    }
  });
});

describe("/api/v1/partners/validate-referral-code (public)", () => {
  it("answers valid with the partner's id and display name, any case, GET or POST", async () => {
    const get = await call(validateGet, "GET /api/v1/partners/validate-referral-code", {
      query: { code: a.code.toLowerCase() },
    });
    expect(get.status).toBe(200);
    expect(get.body).toEqual({
      valid: true,
      partner: { id: a.partner.id, displayName: `${a.partner.firstName} ${a.partner.lastName}` },
    });
    const post = await call(validatePost, "POST /api/v1/partners/validate-referral-code", { body: { code: a.code } });
    expect(post.body).toEqual(get.body);
  });

  it("answers invalid with a reason, and 400 without a code", async () => {
    expect(
      (await call(validateGet, "GET /api/v1/partners/validate-referral-code", { query: { code: suspended.code } }))
        .body,
    ).toEqual({ valid: false, reason: "PARTNER_SUSPENDED" });
    expect(
      (await call(validateGet, "GET /api/v1/partners/validate-referral-code", { query: { code: "NOPE" } })).body,
    ).toEqual({ valid: false, reason: "UNKNOWN_CODE" });
    const missing = await call(validateGet, "GET /api/v1/partners/validate-referral-code");
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe("code");
    expect(
      (await call(validatePost, "POST /api/v1/partners/validate-referral-code", { body: { code: "X", extra: 1 } }))
        .status,
    ).toBe(400);
  });

  it("is rate-limited per IP", async () => {
    setEnv({ RATE_LIMIT_CODE: "3" });
    const headers = { "x-forwarded-for": "192.0.2.200" };
    const statuses: number[] = [];
    for (let i = 0; i < 7 && !statuses.includes(429); i++)
      statuses.push(
        (await call(validateGet, "GET /api/v1/partners/validate-referral-code", { headers, query: { code: a.code } }))
          .status,
      );
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(3);
    expect(statuses.slice(0, first429).every((s) => s === 200)).toBe(true);
  });
});
