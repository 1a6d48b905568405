import { describe, expect, it } from "vitest";
import { authConfig } from "@/auth.config";
import { safeNextPath } from "@/lib/auth/redirects";
import { safeRedirectPath } from "@/lib/attribution/ref-cookie-value";

/** Targets a browser would follow off the site (tabs and newlines are dropped by the URL parser). */
const OFF_SITE = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "https://evil.example/portal",
  "javascript:alert(1)",
  " /portal",
  "portal",
];

describe("one same-site rule for every redirect taken from a request", () => {
  it.each(OFF_SITE)("?next=%j is refused", (next) => {
    expect(safeNextPath(next, "PARTNER")).toBeNull();
    expect(safeNextPath(next, "ADMIN")).toBeNull();
  });

  it.each(OFF_SITE)("/r?to=%j falls back to the quote form", (to) => {
    expect(safeRedirectPath(to)).toBe("/quote");
  });

  it("keeps same-site paths with their query and fragment", () => {
    expect(safeNextPath("/portal/earnings?page=2#top", "PARTNER")).toBe("/portal/earnings?page=2#top");
    expect(safeRedirectPath("/quote/auto?x=1")).toBe("/quote/auto?x=1");
  });

  it("next-auth's callbackUrl stays on our origin", () => {
    const redirect = (authConfig.callbacks as { redirect?: (p: { url: string; baseUrl: string }) => string }).redirect;
    expect(redirect, "auth.config.ts defines a redirect callback").toBeTypeOf("function");
    const baseUrl = "http://localhost:3000";
    expect(redirect!({ url: "https://evil.example/x", baseUrl })).toBe(baseUrl);
    expect(redirect!({ url: "/\t/evil.example", baseUrl })).toBe(baseUrl);
    expect(redirect!({ url: "//evil.example", baseUrl })).toBe(baseUrl);
    expect(redirect!({ url: "/portal?x=1", baseUrl })).toBe(`${baseUrl}/portal?x=1`);
    expect(redirect!({ url: `${baseUrl}/admin`, baseUrl })).toBe(`${baseUrl}/admin`);
  });
});
