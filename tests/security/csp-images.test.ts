import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "@/lib/security-headers";

const imgSrc = (csp: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("img-src"));

describe("Content-Security-Policy: images", () => {
  it("come from our own origin, and on the e-mail preview also from https (the brand logo)", () => {
    expect(imgSrc(contentSecurityPolicy({ production: true, nonce: "n" }))).toBe("img-src 'self' data: blob:");
    expect(imgSrc(contentSecurityPolicy({ production: true, nonce: "n", remoteImages: true }))).toBe(
      "img-src 'self' data: blob: https:",
    );
  });
});
