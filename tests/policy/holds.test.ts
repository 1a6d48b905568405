import { describe, expect, it } from "vitest";
import { captureLead } from "@/lib/leads/service";
import { processConversion } from "@/lib/referrals/service";
import { EXAMPLE_POLICY_WINDOWS } from "@/lib/compliance/policy-windows";
import { AppError } from "@/lib/errors";
import { getStoredSettings, updateSettings } from "@/lib/settings/update";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, visitor } from "../engine/helpers";

const DAY = 86_400_000;
const CONVERTED = new Date("2026-03-02T15:00:00Z");

describe("holds by line of business and state", () => {
  const t = dbSuite();

  async function convert(insuranceType: string, state: string | undefined) {
    const p = await newPartner(t.db);
    const { referral } = await captureLead(
      t.db,
      leadBody({ referralCode: p.referralCode, insuranceType, ...(state ? { state } : {}) }),
      { actor: visitor, channel: "FORM", now: new Date(CONVERTED.getTime() - DAY) },
    );
    return (await processConversion(t.db, referral!.id, { conversionValue: "1000.00" }, admin, { now: CONVERTED }))
      .reward;
  }

  it("ships the documented example table", async () => {
    expect((await getStoredSettings(t.db)).policyWindows).toEqual(EXAMPLE_POLICY_WINDOWS);
  });

  // [line, state, program hold days, held until, reason]
  const cases: [string, string | undefined, number, string, string | null][] = [
    ["life", "CA", 0, "2026-04-01T15:00:00.000Z", "Life free-look window in CA: 30 days"],
    ["life", "NY", 0, "2026-03-12T15:00:00.000Z", "Life free-look window in NY: 10 days"],
    ["life", "TX", 0, "2026-03-12T15:00:00.000Z", "Life free-look window (default for TX): 10 days"],
    ["life", undefined, 0, "2026-03-12T15:00:00.000Z", "Life free-look window (default): 10 days"],
    ["health", "CA", 0, "2026-04-01T15:00:00.000Z", "Health free-look window in CA: 30 days"],
    ["auto", "NY", 0, "2026-03-02T15:00:00.000Z", null],
    ["auto", "NY", 14, "2026-03-16T15:00:00.000Z", "Program hold: 14 days"],
    ["life", "NY", 14, "2026-03-16T15:00:00.000Z", "Program hold: 14 days"],
    ["life", "CA", 14, "2026-04-01T15:00:00.000Z", "Life free-look window in CA: 30 days"],
  ];

  it.each(cases)("%s in %s with a %d-day program hold: held until %s", async (line, state, holdDays, until, why) => {
    await updateSettings(t.db, admin, { holdDays });
    const reward = await convert(line, state);
    expect(reward.holdUntil?.toISOString()).toBe(until);
    expect(reward.holdReason).toBe(why);
  });

  it("an edited table applies to the next conversion and is audited; bad rows are named", async () => {
    await updateSettings(t.db, admin, { holdDays: 0 });
    const { changed } = await updateSettings(t.db, admin, {
      policyWindows: [{ line: "AUTO", state: "ny", freeLookDays: 3, chargebackMonths: 6 }],
    });
    expect(changed).toEqual(["policyWindows"]);
    expect((await convert("auto", "NY")).holdReason).toBe("Auto free-look window in NY: 3 days");
    expect((await convert("life", "NY")).holdReason).toBeNull();
    const err = await updateSettings(t.db, admin, {
      policyWindows: [
        { line: "LIFE", state: null, freeLookDays: 10, chargebackMonths: 12 },
        { line: "LIFE", state: null, freeLookDays: 400, chargebackMonths: 12 },
      ],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).errors.map((e) => e.path).sort()).toEqual([
      "policyWindows.1.freeLookDays",
      "policyWindows.1.state",
    ]);
    await updateSettings(t.db, admin, { policyWindows: EXAMPLE_POLICY_WINDOWS });
  });
});
