import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, parseDataKeys, seal, sealedKeyId } from "@/lib/crypto/sealed";
import { isValidAbaRouting, normalizeBic, normalizeIban } from "@/lib/payout-details/checks";
import { payoutDetailsInputSchema } from "@/lib/payout-details/schemas";

describe("ABA routing checksum", () => {
  it.each([
    ["021000021", true], // JPMorgan Chase, NY
    ["011000015", true], // Federal Reserve Bank of Boston
    ["121000358", true], // Bank of America, CA
    ["322271627", true], // Chase, CA
    ["021000022", false], // last digit off
    ["12100035", false], // eight digits
    ["1210003581", false], // ten digits
    ["12100035a", false],
    ["990000009", false], // checksum holds, prefix 99 is no Federal Reserve range
    ["000000000", true], // checksum 0 and prefix 00 (government): the rule accepts it
  ])("%s → %s", (value, ok) => expect(isValidAbaRouting(value)).toBe(ok));
});

describe("IBAN (ISO 13616) and BIC", () => {
  it.each([
    ["DE89 3704 0044 0532 0130 00", "DE89370400440532013000"],
    ["fr14 2004 1010 0505 0001 3m02 606", "FR1420041010050500013M02606"],
    ["GB82WEST12345698765432", "GB82WEST12345698765432"],
    ["DE89370400440532013001", null], // check digits no longer match
    ["DE8937040044053201300", null], // too short for Germany
    ["XX89370400440532013000", null],
  ])("%s → %s", (value, out) => expect(normalizeIban(value)).toBe(out));

  it("accepts 8 and 11 character BICs only", () => {
    expect(normalizeBic("cobadeff")).toBe("COBADEFF");
    expect(normalizeBic("COBADEFFXXX")).toBe("COBADEFFXXX");
    expect(normalizeBic("COBADEF")).toBeNull();
    expect(normalizeBic("COBA1EFFXXX")).toBeNull();
  });
});

describe("payout details input", () => {
  const issues = (v: unknown) => {
    const r = payoutDetailsInputSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
  };
  it("validates each method's own fields, naming the bad one", () => {
    const ach = {
      kind: "US_ACH",
      holderName: "Ann Lee",
      routingNumber: "021000021",
      accountNumber: "123456789",
      accountType: "checking",
    };
    expect(issues(ach)).toEqual([]);
    expect(issues({ ...ach, routingNumber: "021000022" })).toEqual(["routingNumber"]);
    expect(issues({ ...ach, accountNumber: "12" })).toEqual(["accountNumber"]);
    expect(issues({ ...ach, accountType: "brokerage" })).toEqual(["accountType"]);
    const sepa = { kind: "SEPA", holderName: "Jo Weber", iban: "DE89 3704 0044 0532 0130 00" };
    expect(payoutDetailsInputSchema.parse(sepa)).toMatchObject({ iban: "DE89370400440532013000" });
    expect(issues({ ...sepa, iban: "DE89370400440532013001" })).toEqual(["iban"]);
    expect(issues({ ...sepa, iban: "BR1800360305000010009795493C1" })).toEqual(["iban"]); // valid, not SEPA
    expect(issues({ ...sepa, bic: "NOPE" })).toEqual(["bic"]);
    expect(issues({ ...sepa, bic: "" })).toEqual([]);
    expect(issues({ kind: "PAYPAL", paypalEmail: "not-an-email" })).toEqual(["paypalEmail"]);
    expect(
      issues({
        kind: "CHECK",
        holderName: "Ann",
        address: { line1: "1 Main St", city: "Austin", postalCode: "78701", country: "USA" },
      }),
    ).toEqual(["address.country"]);
    expect(issues({ kind: "WIRE" })).toEqual(["kind"]);
    expect(issues({ ...sepa, routingNumber: "021000021" })).toEqual([""]); // strict: another method's field
  });
});

describe("sealing (AES-256-GCM)", () => {
  const key = () => randomBytes(32).toString("base64");
  it("round-trips, never repeats a ciphertext, and refuses a tampered value", () => {
    const keys = parseDataKeys(`k1:${key()}`);
    const a = seal("DE89370400440532013000", keys);
    const b = seal("DE89370400440532013000", keys);
    expect(a).not.toBe(b);
    expect(a).not.toContain("DE89");
    expect(open(a, keys)).toBe("DE89370400440532013000");
    const parts = a.split(".");
    parts[4] = parts[4].slice(0, -2) + (parts[4].endsWith("AA") ? "AB" : "AA");
    expect(() => open(parts.join("."), keys)).toThrow();
    // The key id is bound to the ciphertext: relabelling it under another key fails.
    expect(() => open(a.replace(".k1.", ".k2."), parseDataKeys(`k2:${keys[0].key.toString("base64")}`))).toThrow();
  });

  it("rotation: seals with the first key, opens with any listed key, and names a missing one", () => {
    const oldSpec = `old:${key()}`;
    const newSpec = `new:${key()}`;
    const sealedOld = seal("123456789", parseDataKeys(oldSpec));
    const rotated = parseDataKeys(`${newSpec},${oldSpec}`);
    expect(open(sealedOld, rotated)).toBe("123456789");
    const sealedNew = seal("123456789", rotated);
    expect(sealedKeyId(sealedNew)).toBe("new");
    expect(() => open(sealedOld, parseDataKeys(newSpec))).toThrow(/"old"/);
  });

  it("refuses a badly formed key list", () => {
    expect(() => parseDataKeys("k1:short")).toThrow();
    expect(parseDataKeys(undefined)[0].id).toBe("dev");
  });
});
