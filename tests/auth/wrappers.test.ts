import { describe, expect, it } from "vitest";
import { z } from "zod";
import { adminAction, partnerAction, publicAction } from "@/lib/actions/safe-action";
import { requireAdmin, requirePartner } from "@/lib/auth/session";
import { runWithSessionUser } from "@/tests/helpers/session";
import { safeNextPath } from "@/lib/auth/redirects";
import { AppError } from "@/lib/errors";
import { apiSuite } from "../helpers/http";

const schema = z.object({ name: z.string().min(2, "Too short"), count: z.coerce.number().int().optional() }).strict();

describe("server-action wrappers and page guards", () => {
  const { t } = apiSuite();

  it("adminAction runs only for admins and hands over the user and an audit actor", async () => {
    const admin = await t.admin();
    const partner = await t.partner();
    const action = adminAction(schema, async (input, { user, actor }) => ({
      input,
      userId: user.id,
      actorType: actor.type,
    }));
    const fd = new FormData();
    fd.set("name", "Widget");
    fd.set("count", "3");
    fd.set("$ACTION_ID_abc", "");
    expect(await runWithSessionUser(admin.user, () => action(null, fd))).toEqual({
      ok: true,
      data: { input: { name: "Widget", count: 3 }, userId: admin.user.id, actorType: "USER" },
    });
    expect(await runWithSessionUser(partner.user, () => action(null, fd))).toEqual({
      ok: false,
      error: "You are not allowed to do this.",
    });
    expect(await runWithSessionUser(null, () => action(null, fd))).toMatchObject({
      ok: false,
      error: expect.stringContaining("sign in"),
    });
  });

  it("partnerAction gives the partner's own id; field errors name each field", async () => {
    const partner = await t.partner();
    const action = partnerAction(schema, async (_input, { user }) => user.partnerId);
    expect(await runWithSessionUser(partner.user, () => action(null, { name: "ok" }))).toEqual({
      ok: true,
      data: partner.partner.id,
    });
    const bad = await runWithSessionUser(partner.user, () => action(null, { name: "x", extra: 1 } as never));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { name: "Too short", extra: "Unknown field" } });
  });

  it("domain errors become messages with field errors; unknown errors a generic message", async () => {
    const failing = publicAction(schema, async () => {
      throw new AppError("conflict", "Already there", { errors: [{ path: "name", message: "Taken" }] });
    });
    expect(await failing(null, { name: "dup" })).toEqual({
      ok: false,
      error: "Already there",
      fieldErrors: { name: "Taken" },
    });
    const crashing = publicAction(schema, async () => {
      throw new Error("boom: secret detail");
    });
    const r = await crashing(null, { name: "ok" });
    expect(r).toEqual({ ok: false, error: "Something went wrong. Please try again." });
  });

  it("requireAdmin/requirePartner redirect signed-out visitors to the login page and refuse the other role with 404", async () => {
    const admin = await t.admin();
    const partner = await t.partner();
    const digest = (p: Promise<unknown>) =>
      p.then(
        () => "resolved",
        (e: { digest?: string }) => e.digest ?? String(e),
      );
    expect(await runWithSessionUser(null, () => digest(requireAdmin()))).toMatch(
      /^NEXT_REDIRECT;replace;\/login\?next=%2Fadmin;/,
    );
    expect(await runWithSessionUser(null, () => digest(requirePartner()))).toMatch(/\/login\?next=%2Fportal/);
    expect(await runWithSessionUser(partner.user, () => digest(requireAdmin()))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await runWithSessionUser(admin.user, () => digest(requirePartner()))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await runWithSessionUser(admin.user, () => requireAdmin())).toEqual(admin.user);
    expect(await runWithSessionUser(partner.user, () => requirePartner())).toEqual(partner.user);
  });

  it("post-login redirects stay local and inside the user's own area", () => {
    expect(safeNextPath("/admin/rewards?status=APPROVED", "ADMIN")).toBe("/admin/rewards?status=APPROVED");
    expect(safeNextPath("/admin", "PARTNER")).toBeNull();
    expect(safeNextPath("/portal/earnings", "ADMIN")).toBeNull();
    expect(safeNextPath("//evil.example/x", "ADMIN")).toBeNull();
    expect(safeNextPath("https://evil.example", "PARTNER")).toBeNull();
    expect(safeNextPath("/\\evil.example", "PARTNER")).toBeNull();
    expect(safeNextPath("/portal/share", "PARTNER")).toBe("/portal/share");
  });
});
