import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createPartnerAction } from "@/app/(admin)/admin/partners/actions";
import * as partnersApi from "@/app/api/v1/partners/route";
import { authTokens, partners, users } from "@/db/schema";
import { runWithSessionUser } from "@/tests/helpers/session";
import { call, apiSuite } from "../helpers/http";

const form = (email: string) => ({
  firstName: "Mia",
  lastName: "Stone",
  email,
  phone: "",
  companyName: "",
  commissionRatePercent: "12.5",
  npn: "",
  licensedStates: "ca, ny",
  payoutMethod: "",
});

/** `onboardPartner` behind the console's "New partner" and POST /api/v1/partners: partner, login and invitation, or nothing. */
describe("onboarding a partner through each door", () => {
  const { t, admin } = apiSuite({ admin: true });

  const written = async (email: string) => {
    const [p] = await t.db.select().from(partners).where(eq(partners.email, email));
    const [u] = await t.db.select().from(users).where(eq(users.email, email));
    const tokens = u ? await t.db.select().from(authTokens).where(eq(authTokens.userId, u.id)) : [];
    return { partner: p ?? null, user: u ?? null, invitations: tokens.length };
  };

  it("the admin action writes an ACTIVE partner with its login and one invitation", async () => {
    const res = await runWithSessionUser(admin.user, () => createPartnerAction(null, form("mia@stone.example")));
    expect(res).toMatchObject({ ok: true, data: { invitationUrl: expect.stringMatching(/\/invite\//) } });
    const w = await written("mia@stone.example");
    expect(w.partner).toMatchObject({ status: "ACTIVE", createdVia: "ADMIN", commissionRateBps: 1250 });
    expect(w.user).toMatchObject({ role: "PARTNER", partnerId: w.partner?.id });
    expect(w.invitations).toBe(1);
  });

  it("the API writes the same, marked as created through the API with a key", async () => {
    const key = await t.apiKey("ADMIN");
    const res = await call(partnersApi.POST, "POST /api/v1/partners", {
      headers: key.headers,
      body: { firstName: "Lou", lastName: "Park", email: "lou@park.example", commissionRateBps: 900 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const w = await written("lou@park.example");
    expect(w.partner).toMatchObject({ status: "ACTIVE", createdVia: "API" });
    expect(w.invitations).toBe(1);
  });

  it("a login that cannot be made (the e-mail belongs to an admin) leaves no partner behind, through either door", async () => {
    const res = await runWithSessionUser(admin.user, () => createPartnerAction(null, form(admin.user.email)));
    expect(res).toMatchObject({ ok: false });
    const api = await call(partnersApi.POST, "POST /api/v1/partners", {
      headers: admin.headers,
      body: { firstName: "Al", lastName: "Min", email: admin.user.email, commissionRateBps: 900 },
    });
    expect(api.status).toBe(409);
    expect((await written(admin.user.email)).partner).toBeNull();
  });
});
