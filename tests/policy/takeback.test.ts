import { describe, expect, it } from "vitest";
import { addMonths, takeBack } from "@/lib/policies/takeback";

const life = { termDays: 365, freeLookDays: 10, chargebackMonths: 12, amountCents: 10_000, currency: "USD" };

describe("what a cancellation takes back", () => {
  // [start, cancelled on, overrides, kind, taken back]
  const cases: [string, string, Partial<typeof life>, string, number][] = [
    ["2026-01-10", "2026-01-15", {}, "FULL", 10_000], // free-look day 5
    ["2026-01-10", "2026-01-20", {}, "FULL", 10_000], // the free-look window's last day
    ["2026-01-10", "2026-01-21", {}, "PRO_RATA", 9_699], // day 11: 354/365 of 100.00 = 96.986…
    ["2026-01-10", "2026-04-20", {}, "PRO_RATA", 7_260], // day 100 of 365: 265/365 of 100.00 = 72.602…
    ["2026-01-10", "2026-01-05", {}, "FULL", 10_000], // before the start
    ["2026-01-10", "2027-01-09", {}, "PRO_RATA", 27], // day 364: 1/365 of 100.00 = 0.27
    ["2026-01-10", "2027-01-10", {}, "NONE", 0], // day 365: the chargeback window is over
    ["2026-01-10", "2026-04-20", { chargebackMonths: 3 }, "NONE", 0], // after a 3-month chargeback window
    ["2026-01-10", "2026-01-15", { freeLookDays: 0, chargebackMonths: 6 }, "PRO_RATA", 9_863], // no free-look: 360/365
    ["2026-01-01", "2026-07-02", { termDays: 364, amountCents: 1 }, "PRO_RATA", 0], // 182/364 of 1 cent = 0.5 → 0 (even)
    ["2026-01-01", "2026-07-02", { termDays: 364, amountCents: 3 }, "PRO_RATA", 2], // 1.5 → 2 (even)
    ["2026-01-01", "2026-07-02", { termDays: 364, amountCents: 5 }, "PRO_RATA", 2], // 2.5 → 2 (even)
  ];
  it.each(cases)("start %s, cancelled %s %o: %s, %d cents", (start, cancelledOn, o, kind, cents) => {
    const tb = takeBack({ ...life, ...o, start, cancelledOn });
    expect(tb.kind).toBe(kind);
    expect(tb.amountCents).toBe(cents);
  });

  it("explains itself and keeps the figures", () => {
    const tb = takeBack({ ...life, start: "2026-01-10", cancelledOn: "2026-04-20" });
    expect(tb).toMatchObject({ daysIn: 100, unearnedDays: 265, termDays: 365, chargebackUntil: "2027-01-10" });
    expect(tb.explanation).toBe("Cancelled on day 100 of 365: 265/365 of $100.00 unearned = $72.60 taken back");
    expect(takeBack({ ...life, start: "2026-01-10", cancelledOn: "2026-01-15" }).explanation).toBe(
      "Cancelled on day 5 of a 10-day free-look window: the whole reward is taken back",
    );
  });

  it("adds calendar months, clamped to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-01-10", 12)).toBe("2027-01-10");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
  });
});
