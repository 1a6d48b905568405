import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events } from "@/db/schema";
import { getStoredSettings, updateSettings } from "@/lib/settings/update";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { riskRules } from "@/lib/risk/rules";
import { getSettings } from "@/lib/settings";
import { dbSuite } from "../helpers/db";

const admin: Actor = {
  type: "USER",
  id: "00000000-0000-4000-8000-000000000001",
  label: "admin@example.com",
  role: "ADMIN",
};

async function validationPaths(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("validation");
  return (e as AppError).errors.map((x) => x.path);
}

describe("admin settings", () => {
  const t = dbSuite();

  it("starts from the documented program defaults", async () => {
    const s = await getStoredSettings(t.db);
    expect(s).toMatchObject({
      defaultCommissionRateBps: 1000,
      defaultCurrency: "USD",
      attributionWindowDays: 30,
      leadOwnershipDays: 90,
      referralExpiryDays: 90,
      holdDays: 0,
      autoApproveRewards: false,
      autoApprovePartners: false,
      minimumPayoutCents: 5000,
      payoutDayOfMonth: 1,
    });
  });

  it("updates the changed fields and records one event with before and after", async () => {
    const { settings, changed } = await updateSettings(t.db, admin, {
      holdDays: 14,
      minimumPayoutCents: 2500,
      defaultCurrency: "eur",
      payoutDayOfMonth: 1, // unchanged: not in the event
    });
    expect(changed.sort()).toEqual(["defaultCurrency", "holdDays", "minimumPayoutCents"]);
    expect(settings).toMatchObject({ holdDays: 14, minimumPayoutCents: 2500, defaultCurrency: "EUR" });
    expect((await getSettings(t.db)).holdDays).toBe(14);
    const evts = await t.db.select().from(events).where(eq(events.action, "settings.updated"));
    expect(evts).toHaveLength(1);
    expect(evts[0]).toMatchObject({
      actorType: "USER",
      actorId: admin.id,
      entityType: "settings",
      entityId: "1",
      before: { holdDays: 0, minimumPayoutCents: 5000, defaultCurrency: "USD" },
      after: { holdDays: 14, minimumPayoutCents: 2500, defaultCurrency: "EUR" },
    });
  });

  it("writes nothing when nothing changes", async () => {
    const before = await t.db.select().from(events);
    const { changed } = await updateSettings(t.db, admin, { holdDays: 14 });
    expect(changed).toEqual([]);
    expect(await t.db.select().from(events)).toHaveLength(before.length);
  });

  it.each([
    [{ defaultCommissionRateBps: 10_001 }, "defaultCommissionRateBps"],
    [{ defaultCommissionRateBps: 12.5 }, "defaultCommissionRateBps"],
    [{ payoutDayOfMonth: 29 }, "payoutDayOfMonth"],
    [{ holdDays: -1 }, "holdDays"],
    [{ defaultCurrency: "dollars" }, "defaultCurrency"],
    [{ minimumPayoutCents: "5000" }, "minimumPayoutCents"],
    [{ businessName: "  " }, "businessName"],
    [{ inboundWebhookSecret: "whsec_x" }, ""],
    [{ brandLogoUrl: "http://cdn.example.com/logo.png" }, "brandLogoUrl"],
    [{ brandLogoUrl: "javascript:alert(1)" }, "brandLogoUrl"],
    [{ brandAccentColor: "teal" }, "brandAccentColor"],
    [{ riskRules: { weights: { VELOCITY: 1.5 } } }, "riskRules.weights.VELOCITY"],
    [{ riskRules: { holdThreshold: 0 } }, "riskRules.holdThreshold"],
  ])("refuses %j naming the field", async (input, path) => {
    const paths = await validationPaths(updateSettings(t.db, admin, input));
    if (path) expect(paths).toContain(path);
    else expect(paths.length).toBeGreaterThan(0);
  });

  it("checks rules between fields against the merged result and writes nothing", async () => {
    const before = await getStoredSettings(t.db);
    expect(await validationPaths(updateSettings(t.db, admin, { loginIpFailLimit: before.loginFailLimit - 1 }))).toEqual(
      ["loginIpFailLimit"],
    );
    expect(await validationPaths(updateSettings(t.db, admin, { leadOwnershipDays: 10, holdDays: 3 }))).toEqual([
      "leadOwnershipDays",
    ]);
    const after = await getStoredSettings(t.db);
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
  });

  it("stores the e-mail brand (colour lower-case) and counts risk rules as changed only when the rules in force change", async () => {
    const brand = await updateSettings(t.db, admin, {
      brandLogoUrl: "https://cdn.example.com/logo.png",
      brandAccentColor: "#0F766E",
    });
    expect(brand.changed.sort()).toEqual(["brandAccentColor", "brandLogoUrl"]);
    expect(brand.settings).toMatchObject({
      brandLogoUrl: "https://cdn.example.com/logo.png",
      brandAccentColor: "#0f766e",
    });
    // The defaults written out in full are the rules already in force: no change, no event.
    const defaults = riskRules({});
    expect((await updateSettings(t.db, admin, { riskRules: defaults })).changed).toEqual([]);
    const tuned = await updateSettings(t.db, admin, {
      riskRules: { ...defaults, holdThreshold: 70, weights: { ...defaults.weights, VELOCITY: 55 } },
    });
    expect(tuned.changed).toEqual(["riskRules"]);
    expect(riskRules((await getSettings(t.db)).riskRules)).toMatchObject({
      holdThreshold: 70,
      weights: { VELOCITY: 55 },
    });
    await updateSettings(t.db, admin, { riskRules: {}, brandLogoUrl: null, brandAccentColor: "#1d4ed8" });
  });
});
