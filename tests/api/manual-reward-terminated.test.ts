import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createManualRewardAction } from "@/app/(admin)/admin/rewards/actions";
import * as rewardsApi from "@/app/api/v1/rewards/route";
import { rewards } from "@/db/schema";
import { runWithSessionUser } from "@/tests/helpers/session";
import { call, apiSuite, type TestPartner } from "../helpers/http";

/** A terminated partner earns nothing more: createManualReward refuses it, whichever door asks. */
describe("manual reward for a terminated partner", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: [{ status: "TERMINATED" }, {}] });
  const [gone, active] = testPartners;

  const countFor = async (p: TestPartner) =>
    (await t.db.select({ id: rewards.id }).from(rewards).where(eq(rewards.partnerId, p.partner.id))).length;

  it("POST /api/v1/rewards answers 400 problem+json naming partnerId and writes nothing", async () => {
    const res = await call(rewardsApi.POST, "POST /api/v1/rewards", {
      headers: admin.headers,
      body: { partnerId: gone.partner.id, type: "BONUS", amountCents: 5000, reason: "Late bonus" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "partnerId" })]);
    expect(await countFor(gone)).toBe(0);
  });

  it("the admin's manual reward action refuses it on the partner field", async () => {
    const res = await runWithSessionUser(admin.user, () =>
      createManualRewardAction(null, { partnerId: gone.partner.id, type: "BONUS", amount: "50.00", reason: "x" }),
    );
    expect(res).toMatchObject({ ok: false, fieldErrors: { partnerId: expect.stringMatching(/terminated/i) } });
    expect(await countFor(gone)).toBe(0);
  });

  it("an active partner still gets one through both doors", async () => {
    const api = await call(rewardsApi.POST, "POST /api/v1/rewards", {
      headers: admin.headers,
      body: { partnerId: active.partner.id, type: "BONUS", amountCents: 5000, reason: "Bonus" },
    });
    expect(api.status, JSON.stringify(api.body)).toBe(201);
    const res = await runWithSessionUser(admin.user, () =>
      createManualRewardAction(null, { partnerId: active.partner.id, type: "BONUS", amount: "50.00", reason: "x" }),
    );
    expect(res).toMatchObject({ ok: true });
    expect(await countFor(active)).toBe(2);
  });
});
