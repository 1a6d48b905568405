import { describe, expect, it } from "vitest";
import { referralSourceFrom } from "@/lib/attribution/source";
import { decodeRef, encodeRef, looksLikeCode, safeRedirectPath } from "@/lib/attribution/ref-cookie-value";
import { consentText, CURRENT_CONSENT_VERSION } from "@/lib/leads/consent-text";

describe("safeRedirectPath never leaves the site", () => {
  it.each([
    ["/quote/auto", "/quote/auto"],
    ["/quote/home?x=1#top", "/quote/home?x=1#top"],
    ["/", "/"],
    [null, "/quote"],
    ["", "/quote"],
    ["https://evil.example/quote", "/quote"],
    ["//evil.example/quote", "/quote"],
    ["/\\evil.example", "/quote"],
    ["\\\\evil.example", "/quote"],
    ["javascript:alert(1)", "/quote"],
    ["quote/auto", "/quote"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/quote\r\nSet-Cookie: x=1", "/quote"],
    ["/\tevil", "/quote"],
  ])("%s → %s", (to, expected) => {
    expect(safeRedirectPath(to)).toBe(expected);
  });
});

describe("the attribution cookie value", () => {
  const ref = {
    code: "DEMPAR0001",
    sub: "spring",
    utm: { utm_source: "newsletter" },
    clickId: "3f1c1f8e-8a52-4c51-9a35-0c8f2a4b9d10",
    at: Date.UTC(2026, 10, 1),
  };

  it("round-trips and expires with the attribution window", () => {
    const value = encodeRef(ref);
    expect(decodeRef(value, 30, Date.UTC(2026, 10, 20))).toEqual(ref);
    expect(decodeRef(value, 30, Date.UTC(2026, 11, 2))).toBeNull();
    expect(decodeRef(value, 60, Date.UTC(2026, 11, 2))).toEqual(ref);
  });

  it("ignores tampered or foreign values", () => {
    expect(decodeRef("not-base64-json")).toBeNull();
    expect(decodeRef(Buffer.from(JSON.stringify({ code: "<script>", at: 1 })).toString("base64url"))).toBeNull();
    expect(decodeRef(Buffer.from(JSON.stringify({ code: "ABC" })).toString("base64url"))).toBeNull();
    expect(decodeRef(undefined)).toBeNull();
  });

  it("accepts codes of letters and digits only, upper-cased", () => {
    expect(looksLikeCode(" dempar0001 ")).toBe("DEMPAR0001");
    expect(looksLikeCode("DEM PAR")).toBeNull();
    expect(looksLikeCode("x".repeat(65))).toBeNull();
    expect(looksLikeCode(null)).toBeNull();
  });
});

describe("referral source from source / utm_source", () => {
  it.each([
    [undefined, "WEBSITE"],
    ["email", "EMAIL"],
    ["E-Mail", "EMAIL"],
    ["social media", "SOCIAL_MEDIA"],
    ["Facebook", "SOCIAL_MEDIA"],
    ["facebook.com", "SOCIAL_MEDIA"],
    ["mobile_app", "MOBILE_APP"],
    ["in-person", "IN_PERSON"],
    ["newsletter", "EMAIL"],
    ["partner-blog-xyz", "WEBSITE"],
    ["OTHER", "OTHER"],
  ])("%s → %s", (value, expected) => {
    expect(referralSourceFrom(value)).toBe(expected);
  });
});

describe("consent text", () => {
  it("names the business and what the person agrees to, per version", () => {
    const text = consentText("Acme Insurance Quotes", CURRENT_CONSENT_VERSION);
    expect(text).toContain("Acme Insurance Quotes");
    expect(text).toMatch(/e-mail, phone call and text message/);
    expect(text).toMatch(/not a condition of purchase/);
    expect(consentText("Acme", "no-such-version")).toBeNull();
  });
});
