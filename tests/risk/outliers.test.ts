import { isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { riskSignals } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { flagPartnerOutliers } from "@/lib/risk/outliers";
import { updateSettings } from "@/lib/settings/update";
import type { TestPartner } from "../helpers/http";
import { riskSuite } from "./risk-suite";

/** The partner-outlier job on a program of its own (other tests' partners would move the median). */
const { t, freshIp, lead, convertOne, rewardRow } = riskSuite({
  person: (n) => ({ firstName: "Out", lastName: "Lier", email: `outlier-${n}@example.com`, insuranceType: "LIFE" }),
  conversionValueCents: 50_000,
});

describe("partner outliers", () => {
  it("a partner converting far above the program opens a partner signal that holds its next rewards; a normal spread does not", async () => {
    await updateSettings(t.db, systemActor("test"), { riskRules: { outlierMinReferrals: 5 } });
    const partners = [await t.partner(), await t.partner(), await t.partner(), await t.partner()];
    // Conversions out of six referrals each: 1, 1, 2 (honest spread) and 6 (the outlier).
    const converted = [1, 1, 2, 6];
    for (const [i, p] of partners.entries())
      for (let k = 0; k < 6; k++) {
        const id = await lead(p, freshIp());
        if (k < converted[i]) await convertOne(id);
      }
    const first = await flagPartnerOutliers(t.db, new Date());
    expect(first.flagged).toBeGreaterThanOrEqual(1);
    const partnerSignals = await t.db.select().from(riskSignals).where(isNull(riskSignals.referralId));
    const flaggedIds = partnerSignals.filter((s) => s.kind === "PARTNER_OUTLIER").map((s) => s.partnerId);
    expect(flaggedIds).toContain(partners[3].partner.id);
    for (const p of partners.slice(0, 3)) expect(flaggedIds).not.toContain(p.partner.id);
    const rate = partnerSignals.find((s) => s.partnerId === partners[3].partner.id)!;
    expect(rate.evidence).toMatchObject({ metric: "conversionRate", value: 1, referrals: 6, converted: 6 });
    // Run again: still one open signal per partner and metric.
    await flagPartnerOutliers(t.db, new Date());
    expect(
      (await t.db.select().from(riskSignals).where(isNull(riskSignals.referralId))).filter(
        (s) => s.partnerId === partners[3].partner.id,
      ).length,
    ).toBe(flaggedIds.filter((id) => id === partners[3].partner.id).length);
    // The partner's open signal counts towards each of its referrals: velocity (40) + outlier (30) holds,
    // the same velocity at an ordinary partner (40) does not.
    const velocityOnly = async (p: TestPartner) => {
      const ip = freshIp();
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push(await lead(p, ip));
      return rewardRow((await convertOne(ids[3])).id);
    };
    expect((await velocityOnly(partners[3])).reviewHold).toBe(true);
    expect((await velocityOnly(partners[0])).reviewHold).toBe(false);
  });
});
