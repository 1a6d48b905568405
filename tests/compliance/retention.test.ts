import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, leads } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { anonymiseStaleLeads, monthsBefore } from "@/lib/compliance/retention";
import { leadInputSchema } from "@/lib/leads/schemas";
import { captureLead, changeLeadStatus } from "@/lib/leads/service";
import { updateSettings } from "@/lib/settings/update";
import { setupApiTest, type ApiTest } from "../helpers/http";

let t: ApiTest;
const NOW = new Date("2026-12-03T12:00:00Z");
beforeAll(async () => {
  t = await setupApiTest();
});
afterAll(() => t.close());

async function lead(email: string, createdAt: Date, status?: "CONVERTED" | "LOST") {
  const input = leadInputSchema.parse({
    firstName: "Old",
    lastName: "Prospect",
    email,
    insuranceType: "AUTO",
    consent: { given: true, textVersion: "v1" },
  });
  const { lead } = await captureLead(t.db, input, { actor: systemActor("test"), channel: "API", now: createdAt });
  if (status) await changeLeadStatus(t.db, lead.id, { status }, systemActor("test"), { now: createdAt });
  return lead.id;
}
const row = async (id: string) => (await t.db.select().from(leads).where(eq(leads.id, id)))[0];

describe("retention: anonymise leads that never converted", () => {
  it.each([
    ["2026-12-03T12:00:00Z", 6, "2026-06-03T12:00:00.000Z"],
    ["2026-08-31T00:00:00Z", 6, "2026-02-28T00:00:00.000Z"],
    ["2026-03-31T08:00:00Z", 1, "2026-02-28T08:00:00.000Z"],
    ["2027-01-15T00:00:00Z", 24, "2025-01-15T00:00:00.000Z"],
  ])("%s minus %i months is %s", (now, months, cutoff) => {
    expect(monthsBefore(new Date(now), months).toISOString()).toBe(cutoff);
  });

  it("is off by default, then anonymises only old, never-converted leads of people with nothing newer", async () => {
    const old = await lead("old.lost@retention.example", new Date("2026-04-01T00:00:00Z"), "LOST");
    const oldConverted = await lead("old.won@retention.example", new Date("2026-04-01T00:00:00Z"), "CONVERTED");
    const recent = await lead("recent@retention.example", new Date("2026-11-01T00:00:00Z"));
    const oldButBack = await lead("back@retention.example", new Date("2026-03-01T00:00:00Z"));
    await lead("back@retention.example", new Date("2026-11-20T00:00:00Z"));

    expect(await anonymiseStaleLeads(t.db, NOW)).toEqual({ enabled: false, anonymised: 0 });
    expect((await row(old)).email).toBe("old.lost@retention.example");

    await updateSettings(t.db, systemActor("test"), { retentionAnonymiseMonths: 6 });
    const run = await anonymiseStaleLeads(t.db, NOW);
    expect(run).toMatchObject({ enabled: true, anonymised: 1, cutoff: "2026-06-03T12:00:00.000Z", more: false });
    expect(await row(old)).toMatchObject({ firstName: "[erased]", email: null });
    expect((await row(oldConverted)).email).toBe("old.won@retention.example");
    expect((await row(recent)).email).toBe("recent@retention.example");
    expect((await row(oldButBack)).email).toBe("back@retention.example");
    const [ev] = await t.db.select().from(events).where(eq(events.action, "lead.anonymised"));
    expect(ev).toMatchObject({
      entityId: old,
      actorId: "anonymise-stale-leads",
      data: { via: "RETENTION", retentionMonths: 6 },
    });
    expect(await anonymiseStaleLeads(t.db, NOW)).toMatchObject({ anonymised: 0 });
  });
});
