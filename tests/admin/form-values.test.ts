import { describe, expect, it } from "vitest";
import { centsFromText, centsToText, intFromText } from "@/lib/form-values";

describe("form text to numbers", () => {
  it.each([
    ["50", 5000],
    ["50.5", 5050],
    ["50.05", 5005],
    ["1,234.56", 123456],
    ["$12", 1200],
    ["0.01", 1],
    ["-3.10", -310],
    [" 7 ", 700],
  ])("centsFromText(%j) = %d", (s, c) => expect(centsFromText(s)).toBe(c));

  it.each(["", "abc", "1.234", "1,23", "1e3", "12..3", "99999999999999999999"])("centsFromText(%j) is NaN", (s) => {
    expect(centsFromText(s)).toBeNaN();
  });

  it.each([
    ["10", 10],
    ["-2", -2],
  ])("intFromText(%j) = %d", (s, n) => expect(intFromText(s)).toBe(n));

  it.each(["", "1.5", "ten", undefined])("intFromText(%j) is NaN", (s) => expect(intFromText(s)).toBeNaN());

  it("round-trips cents through text", () => {
    for (const c of [0, 1, 99, 100, 5000, 123456, -310]) expect(centsFromText(centsToText(c))).toBe(c);
  });
});
