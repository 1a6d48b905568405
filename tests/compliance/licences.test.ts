import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { GET } from "@/app/api/v1/partners/[id]/route";
import { PUT } from "@/app/api/v1/partners/[id]/licenses/route";
import { events, partnerLicences, partners } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import {
  licenceStatusAt,
  lineOfInsuranceType,
  setPartnerLicences,
  statusFromLicences,
  type LicenceVerifier,
} from "@/lib/compliance/licences";
import { licencesInputSchema } from "@/lib/compliance/licences/schemas";
import { call, setupApiTest, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";

let t: ApiTest;
let admin: TestUser;
let a: TestPartner;
const route = "PUT /api/v1/partners/[id]/licenses";
const d = (s: string) => new Date(s);

beforeAll(async () => {
  t = await setupApiTest();
  admin = await t.admin();
  a = await t.partner();
});
afterAll(() => t.close());

describe("licence status (pure, real dates)", () => {
  const row = {
    id: "l1",
    state: "NY",
    number: "LA-1",
    lines: ["LIFE_HEALTH" as const],
    expiresOn: "2026-06-30",
    verifiedAt: d("2026-01-10T12:00:00Z"),
    createdAt: d("2026-01-10T12:00:00Z"),
    supersededAt: null,
  };
  it.each([
    ["before the licence was on file", "NY", "LIFE_HEALTH", "2026-01-09T00:00:00Z", "NO_LICENCE"],
    ["another state", "NJ", "LIFE_HEALTH", "2026-03-01T00:00:00Z", "NO_LICENCE"],
    ["another line", "NY", "PROPERTY_CASUALTY", "2026-03-01T00:00:00Z", "LINE_NOT_COVERED"],
    ["OTHER needs both lines", "NY", null, "2026-03-01T00:00:00Z", "LINE_NOT_COVERED"],
    ["valid", "NY", "LIFE_HEALTH", "2026-03-01T00:00:00Z", "LICENSED"],
    ["the expiry day still counts", "NY", "LIFE_HEALTH", "2026-06-30T23:59:59Z", "LICENSED"],
    ["unlicensed from the day after expiry", "NY", "LIFE_HEALTH", "2026-07-01T00:00:00Z", "EXPIRED"],
  ] as const)("%s", (_, state, line, at, reason) => {
    expect(statusFromLicences([row], state, line, d(at)).reason).toBe(reason);
  });
  it("unverified counts as unlicensed until it is verified", () => {
    const unverified = { ...row, verifiedAt: null };
    expect(statusFromLicences([unverified], "NY", "LIFE_HEALTH", d("2026-03-01T00:00:00Z")).reason).toBe("UNVERIFIED");
    const later = { ...row, verifiedAt: d("2026-02-01T00:00:00Z") };
    expect(statusFromLicences([later], "NY", "LIFE_HEALTH", d("2026-01-20T00:00:00Z")).reason).toBe("UNVERIFIED");
    expect(statusFromLicences([later], "NY", "LIFE_HEALTH", d("2026-02-02T00:00:00Z")).licensed).toBe(true);
  });
  it("maps insurance types to lines", () => {
    expect(
      ["LIFE", "HEALTH", "AUTO", "HOME", "COMMERCIAL", "OTHER"].map((x) => lineOfInsuranceType(x as never)),
    ).toEqual(["LIFE_HEALTH", "LIFE_HEALTH", "PROPERTY_CASUALTY", "PROPERTY_CASUALTY", "PROPERTY_CASUALTY", null]);
  });
});

describe("PUT /api/v1/partners/{id}/licenses", () => {
  it("sets licences with who and when verified, answers them in GET as licenses, and mirrors licensedStates", async () => {
    const body = [
      {
        state: "ny",
        number: "LA-1",
        lines: ["life_health"],
        expiresOn: "2030-12-31",
        verified: true,
        evidenceNote: "DFS lookup",
      },
      { state: "TX", lines: ["PROPERTY_CASUALTY", "LIFE_HEALTH"], expiresOn: null, verified: false },
    ];
    const res = await call(PUT, route, { params: { id: a.partner.id }, body, headers: admin.headers });
    expect(res.status).toBe(200);
    expect(res.body.licensedStates).toEqual(["NY", "TX"]);
    const got = await call(GET, "GET /api/v1/partners/[id]", { params: { id: a.partner.id }, headers: a.headers });
    expect(got.body.licenses).toHaveLength(2);
    expect(got.body.licenses[0]).toMatchObject({
      state: "NY",
      number: "LA-1",
      lines: ["LIFE_HEALTH"],
      expiresOn: "2030-12-31",
      verified: true,
      status: "VALID",
      verification: { by: admin.user.email, method: "MANUAL", evidenceNote: "DFS lookup" },
    });
    expect(got.body.licenses[1]).toMatchObject({
      state: "TX",
      lines: ["LIFE_HEALTH", "PROPERTY_CASUALTY"],
      verified: false,
      verification: null,
      status: "UNVERIFIED",
    });
    const [e] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, a.partner.id), eq(events.action, "partner.licences_updated")));
    expect(e.data).toMatchObject({ changed: ["NY", "TX"], removed: [] });
  });

  it("keeps history: an unchanged PUT writes nothing, a change closes the old row, past status stays answerable", async () => {
    const p = await t.partner();
    const actor = systemActor("test");
    const v1 = licencesInputSchema.parse([
      { state: "NY", lines: ["LIFE_HEALTH"], expiresOn: "2026-06-30", verified: true },
    ]);
    await setPartnerLicences(t.db, p.partner.id, v1, actor, { now: d("2026-01-10T00:00:00Z") });
    await setPartnerLicences(t.db, p.partner.id, v1, actor, { now: d("2026-02-10T00:00:00Z") });
    expect(await t.db.select().from(partnerLicences).where(eq(partnerLicences.partnerId, p.partner.id))).toHaveLength(
      1,
    );
    await setPartnerLicences(t.db, p.partner.id, [], actor, { now: d("2026-03-01T00:00:00Z") });
    const at = (s: string) => licenceStatusAt(t.db, p.partner.id, "ny", "LIFE_HEALTH", d(s));
    expect((await at("2026-02-15T00:00:00Z")).reason).toBe("LICENSED");
    expect((await at("2026-03-02T00:00:00Z")).reason).toBe("NO_LICENCE");
    expect((await at("2026-01-01T00:00:00Z")).reason).toBe("NO_LICENCE");
    const [row] = await t.db.select().from(partners).where(eq(partners.id, p.partner.id));
    expect(row.licensedStates).toEqual([]);
  });

  it("verification sits behind an interface: another verifier can refuse", async () => {
    const p = await t.partner();
    const registry: LicenceVerifier = {
      method: "REGISTRY_STUB",
      verify: async (_l, { now }) => ({
        verified: false,
        by: "registry",
        at: now,
        method: "REGISTRY_STUB",
        evidenceNote: "not found",
      }),
    };
    const input = licencesInputSchema.parse([
      { state: "CA", lines: ["LIFE_HEALTH"], expiresOn: "2030-01-01", verified: true },
    ]);
    const [l] = await setPartnerLicences(t.db, p.partner.id, input, systemActor("test"), { verifier: registry });
    expect(l).toMatchObject({ verifiedAt: null, evidenceNote: "not found" });
  });

  it("refuses bad bodies naming the field", async () => {
    const bad = async (body: unknown) =>
      (await call(PUT, route, { params: { id: a.partner.id }, body, headers: admin.headers })).body.errors;
    expect(await bad([{ state: "NY", lines: [], expiresOn: "2030-01-01", verified: true }])).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "0.lines" })]),
    );
    expect(await bad([{ state: "NY", lines: ["LIFE_HEALTH"], expiresOn: null, verified: true }])).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "0.expiresOn" })]),
    );
    expect(await bad([{ state: "NY", lines: ["LIFE_HEALTH"], expiresOn: "2030-02-30", verified: false }])).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "0.expiresOn" })]),
    );
    const dup = { state: "NY", lines: ["LIFE_HEALTH"], expiresOn: "2030-01-01", verified: false };
    expect(await bad([dup, dup])).toEqual(expect.arrayContaining([expect.objectContaining({ path: "1.state" })]));
    expect(await bad([{ ...dup, extra: 1 }])).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "0.extra" })]),
    );
    const missing = await call(PUT, route, { params: { id: crypto.randomUUID() }, body: [], headers: admin.headers });
    expect(missing.status).toBe(404);
  });
});

describe("the licence expiry warning job", () => {
  it("warns once, 30 days ahead, for verified licences on file; a renewed date warns again", async () => {
    const { warnExpiringLicences } = await import("@/lib/compliance/licences/expiry");
    const { outbox } = await import("@/db/schema");
    const p = await t.partner();
    const actor = systemActor("test");
    const set = (expiresOn: string, verified = true) =>
      setPartnerLicences(
        t.db,
        p.partner.id,
        licencesInputSchema.parse([
          { state: "NY", lines: ["LIFE_HEALTH"], expiresOn, verified },
          { state: "NJ", lines: ["LIFE_HEALTH"], expiresOn, verified: false },
        ]),
        actor,
        { now: d("2026-01-01T00:00:00Z") },
      );
    await set("2026-03-31");
    const mine = async () =>
      (await t.db.select().from(outbox).where(eq(outbox.eventType, "partner.license_expiring"))).filter(
        (o) => (o.payload as { data: { partnerId: string } }).data.partnerId === p.partner.id,
      );
    await warnExpiringLicences(t.db, d("2026-02-28T12:00:00Z")); // 31 days ahead: not yet
    expect(await mine()).toHaveLength(0);
    await warnExpiringLicences(t.db, d("2026-03-01T08:00:00Z")); // 30 days ahead
    await warnExpiringLicences(t.db, d("2026-03-02T08:00:00Z"));
    const sent = await mine();
    expect(sent).toHaveLength(1);
    expect((sent[0].payload as { data: object }).data).toMatchObject({
      state: "NY",
      expiresOn: "2026-03-31",
      daysLeft: 30,
      lines: ["LIFE_HEALTH"],
    });
    const [e] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, p.partner.id), eq(events.action, "partner.license_expiring")));
    expect(e.data).toMatchObject({ state: "NY" });
    await set("2026-04-15");
    await warnExpiringLicences(t.db, d("2026-03-20T08:00:00Z"));
    expect(await mine()).toHaveLength(2);
  });
});
