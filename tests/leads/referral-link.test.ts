import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/(public)/r/[code]/route";
import { partnerCodes, partners, referralClicks, settings } from "@/db/schema";
import { decodeRef } from "@/lib/attribution/ref-cookie-value";
import { dbSuite } from "../helpers/db";
import { useTestDbAsAppDb } from "./app-db";

const t = dbSuite();
let annId: string;
let suspendedId: string;

beforeAll(async () => {
  useTestDbAsAppDb(t);
  const [ann, sus] = await t.db
    .insert(partners)
    .values([
      { firstName: "Ann", lastName: "Lee", email: "ann@example.com", status: "ACTIVE" },
      { firstName: "Sam", lastName: "Stop", email: "sam@example.com", status: "SUSPENDED" },
    ])
    .returning();
  annId = ann.id;
  suspendedId = sus.id;
  await t.db.insert(partnerCodes).values([
    { partnerId: ann.id, code: "ANNLEE1234" },
    { partnerId: ann.id, code: "ANNOLD0001", isCurrent: false, retiredAt: new Date() },
    { partnerId: sus.id, code: "SAMSTO0001" },
  ]);
});

function visit(path: string, headers: Record<string, string> = {}) {
  const req = new NextRequest(new URL(path, "http://localhost:3000"), {
    headers: {
      "user-agent": "Mozilla/5.0 (test)",
      referer: "https://partner.example/blog",
      "x-forwarded-for": "203.0.113.9",
      ...headers,
    },
  });
  const code = decodeURIComponent(new URL(path, "http://x").pathname.split("/")[2]);
  return GET(req, { params: Promise.resolve({ code }) });
}

const clicksOf = (code: string) => t.db.select().from(referralClicks).where(eq(referralClicks.code, code));

/** The visit set no attribution cookie, and its click is logged invalid, with a reason, against `partnerId`. */
async function expectRefusedClick(res: Awaited<ReturnType<typeof visit>>, code: string, partnerId: string | null) {
  expect(res.cookies.get("rp_ref")).toBeUndefined();
  const [click] = await clicksOf(code);
  expect(click).toMatchObject({ partnerId, valid: false });
  expect(click.invalidReason).toBeTruthy();
}

describe("GET /r/{code}", () => {
  it("records the click, sets the attribution cookie and redirects to the form keeping UTM parameters", async () => {
    const res = await visit(
      "/r/annlee1234?to=/quote/auto&sub=spring-post&utm_source=facebook&utm_medium=social&utm_campaign=spring&other=x",
    );
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/quote/auto?utm_source=facebook&utm_medium=social&utm_campaign=spring");

    const [click] = await clicksOf("ANNLEE1234");
    expect(click).toMatchObject({
      partnerId: annId,
      valid: true,
      invalidReason: null,
      referrer: "https://partner.example/blog",
      userAgent: "Mozilla/5.0 (test)",
      subId: "spring-post",
      utmSource: "facebook",
      utmMedium: "social",
      utmCampaign: "spring",
      utmTerm: null,
    });
    expect(click.landingUrl).toContain("/r/annlee1234?to=");
    // Salted: not the bare SHA-256 of the IP, and never the IP itself.
    expect(click.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(click.ipHash).not.toBe(createHash("sha256").update("203.0.113.9").digest("hex"));

    const cookie = res.cookies.get("rp_ref");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false, path: "/", maxAge: 30 * 86_400 });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(decodeRef(cookie!.value, 30)).toMatchObject({
      code: "ANNLEE1234",
      sub: "spring-post",
      clickId: click.id,
      utm: { utm_source: "facebook" },
    });
  });

  it("marks the cookie Secure over https and gives it the attribution window of the settings", async () => {
    await t.db.update(settings).set({ attributionWindowDays: 45 }).where(eq(settings.id, 1));
    const res = await visit("/r/ANNLEE1234", { "x-forwarded-proto": "https" });
    await t.db.update(settings).set({ attributionWindowDays: 30 }).where(eq(settings.id, 1));
    expect(res.headers.get("location")).toBe("/quote");
    expect(res.cookies.get("rp_ref")).toMatchObject({ secure: true, maxAge: 45 * 86_400 });
  });

  it("sets the device cookie (random id, a year, Secure over https) on any click, and keeps one the browser has", async () => {
    const first = await visit("/r/NOPE0000");
    const device = first.cookies.get("rp_dev");
    expect(device).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false, path: "/", maxAge: 365 * 86_400 });
    expect(device!.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await visit("/r/ANNLEE1234", { "x-forwarded-proto": "https" })).cookies.get("rp_dev")).toMatchObject({
      secure: true,
    });
    expect((await visit("/r/ANNLEE1234")).cookies.get("rp_dev")!.value).not.toBe(device!.value);
    const again = await visit("/r/ANNLEE1234", { cookie: `rp_dev=${device!.value}` });
    expect(again.cookies.get("rp_dev")).toBeUndefined();
    // A value we could not have set is replaced.
    const forged = await visit("/r/ANNLEE1234", { cookie: "rp_dev=../../etc" });
    expect(forged.cookies.get("rp_dev")!.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("attributes an old code (alias) to its partner", async () => {
    const res = await visit("/r/ANNOLD0001");
    expect(decodeRef(res.cookies.get("rp_ref")?.value)?.code).toBe("ANNOLD0001");
    const [click] = await clicksOf("ANNOLD0001");
    expect(click).toMatchObject({ partnerId: annId, valid: true });
  });

  it.each([
    ["https://evil.example/phish", "/quote"],
    ["//evil.example", "/quote"],
    ["/\\evil.example", "/quote"],
    ["/quote/home", "/quote/home"],
  ])("only redirects to same-site paths: to=%s → %s", async (to, location) => {
    const res = await visit(`/r/ANNLEE1234?to=${encodeURIComponent(to)}`);
    expect(res.headers.get("location")).toBe(location);
  });

  it("an unknown code redirects without a cookie and logs the click as invalid", async () => {
    const res = await visit("/r/NOPE0000?utm_source=x");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/quote?utm_source=x");
    await expectRefusedClick(res, "NOPE0000", null);
  });

  it("a suspended partner's code redirects without a cookie, click logged invalid against that partner", async () => {
    const res = await visit("/r/SAMSTO0001");
    expect(res.headers.get("location")).toBe("/quote");
    await expectRefusedClick(res, "SAMSTO0001", suspendedId);
  });

  it("a malformed code is logged invalid and still redirects", async () => {
    const res = await visit(`/r/${encodeURIComponent("<script>")}`);
    expect(res.headers.get("location")).toBe("/quote");
    const [click] = await clicksOf("<script>");
    expect(click).toMatchObject({ valid: false, invalidReason: "MALFORMED_CODE" });
  });
});
