import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authTokens, outbox, partners, settings, users } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { attemptLogin } from "@/lib/auth/login";
import { signupSchema, signUpPartner } from "@/lib/auth/signup";
import { consumeToken, createPartnerUser, createPasswordReset, invitePartner } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { apiSuite, TEST_PASSWORD, type ApiTest } from "../helpers/http";

const actor = systemActor("test");
const tokenOf = (url: string) => url.split("/").pop()!;
const login = (t: ApiTest, email: string, password: string) => attemptLogin(t.db, { email, password, ip: "192.0.2.1" });
async function rejects(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected a refusal").toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
}

describe("invitations, resets and sign-up", () => {
  const { t } = apiSuite();
  let n = 0;
  const newPartner = async () =>
    (
      await t.db
        .insert(partners)
        .values({ firstName: "Ina", lastName: "Vite", email: `ina${++n}@test.example`, status: "ACTIVE" })
        .returning()
    )[0];

  it("invites a new partner user: single use, stored hashed, written to the outbox", async () => {
    const p = await newPartner();
    const { user, invitation } = await createPartnerUser(
      t.db,
      { partnerId: p.id, email: p.email.toUpperCase(), name: "Ina Vite" },
      actor,
    );
    expect(user).toMatchObject({ email: p.email, role: "PARTNER", partnerId: p.id });
    expect(invitation.url).toMatch(/^http:\/\/localhost:\d+\/invite\/[\w-]{43}$/);
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const token = tokenOf(invitation.url);
    const rows = await t.db.select().from(authTokens).where(eq(authTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toContain(token);
    const mails = await t.db.select().from(outbox).where(eq(outbox.topic, "email"));
    expect(
      mails.some((m) => (m.payload as { url: string }).url === invitation.url && m.eventType === "invitation"),
    ).toBe(true);

    expect((await login(t, p.email, "new-password-123")).ok).toBe(false);
    await rejects(consumeToken(t.db, token, "INVITE", "short"), "validation");
    await rejects(consumeToken(t.db, token, "RESET", "new-password-123"), "not_found");
    const u = await consumeToken(t.db, token, "INVITE", "new-password-123");
    expect(u.id).toBe(user.id);
    expect((await login(t, p.email, "new-password-123")).ok).toBe(true);
    await rejects(consumeToken(t.db, token, "INVITE", "another-password-1"), "not_found");
  });

  it("a new invitation replaces the previous one; expired links are refused; set passwords need a reset", async () => {
    const p = await newPartner();
    const first = await invitePartner(t.db, p.id, actor);
    const second = await invitePartner(t.db, p.id, actor);
    expect(second.userId).toBe(first.userId);
    await rejects(consumeToken(t.db, tokenOf(first.url), "INVITE", "new-password-123"), "not_found");
    await t.db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authTokens.userId, second.userId));
    await rejects(consumeToken(t.db, tokenOf(second.url), "INVITE", "new-password-123"), "not_found");
    const third = await invitePartner(t.db, p.id, actor);
    await consumeToken(t.db, tokenOf(third.url), "INVITE", "new-password-123");
    await rejects(invitePartner(t.db, p.id, actor), "conflict");
  });

  it("a reset link for a known e-mail only; the old password stops working", async () => {
    const before = await t.db.select().from(authTokens);
    expect(await createPasswordReset(t.db, "nobody@test.example")).toBeNull();
    expect(await t.db.select().from(authTokens)).toHaveLength(before.length);
    const p = await t.partner();
    const link = await createPasswordReset(t.db, ` ${p.user.email.toUpperCase()} `);
    expect(link!.url).toContain("/reset-password/");
    expect(link!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    await consumeToken(t.db, tokenOf(link!.url), "RESET", "brand-new-password");
    expect((await login(t, p.user.email, TEST_PASSWORD)).ok).toBe(false);
    expect((await login(t, p.user.email, "brand-new-password")).ok).toBe(true);
  });

  it("sign-up creates an INACTIVE partner with a code and a user who can sign in; auto-approval makes it ACTIVE", async () => {
    const input = signupSchema.parse({
      firstName: "Sandra",
      lastName: "Upton",
      email: "Sandra@Test.example",
      password: "signup-password",
      confirmPassword: "signup-password",
    });
    const { partner, user } = await signUpPartner(t.db, input, actor);
    expect(partner).toMatchObject({ status: "INACTIVE", createdVia: "SELF", email: "sandra@test.example" });
    expect(partner.referralCode).toMatch(/^SANUPT\d{4}$/);
    expect(user).toMatchObject({ role: "PARTNER", partnerId: partner.id });
    expect((await login(t, "sandra@test.example", "signup-password")).ok).toBe(true);
    await rejects(signUpPartner(t.db, { ...input }, actor), "conflict");

    await t.db.update(settings).set({ autoApprovePartners: true });
    const auto = await signUpPartner(t.db, signupSchema.parse({ ...input, email: "auto@test.example" }), actor);
    expect(auto.partner.status).toBe("ACTIVE");
    await t.db.update(settings).set({ autoApprovePartners: false });
  });

  it("sign-up refuses what a visitor may not choose, and weak or mismatched passwords", async () => {
    const form = (password: string, confirmPassword: string, extra = {}) =>
      signupSchema.safeParse({
        firstName: "A",
        lastName: "B",
        email: "ab@test.example",
        password,
        confirmPassword,
        ...extra,
      });
    const r = form("short", "other", { commissionRateBps: 9000, status: "ACTIVE" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : [i.path.join(".")]));
    expect(paths).toEqual(expect.arrayContaining(["commissionRateBps", "status", "password"]));
    const mismatch = form("long-enough-1", "long-enough-2");
    expect(mismatch.error!.issues[0].path).toEqual(["confirmPassword"]);
    expect(await t.db.select().from(users).where(eq(users.email, "ab@test.example"))).toHaveLength(0);
  });
});
