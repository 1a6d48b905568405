import { DEMO, apiToken, expect, signIn, test } from "./fixtures";

test.describe("sign-in", () => {
  test("an admin lands in /admin and a partner in /portal; each area refuses the other role", async ({ adminPage, partnerPage }) => {
    await adminPage.goto("/login");
    await expect(adminPage).toHaveURL(/\/admin$/);
    await partnerPage.goto("/login");
    await expect(partnerPage).toHaveURL(/\/portal$/);
    const refused = await partnerPage.goto("/admin");
    expect(refused?.status()).toBe(404);
    const refused2 = await adminPage.goto("/portal");
    expect(refused2?.status()).toBe(404);
  });

  test("signed-out visitors of /admin go to the login page and come back after signing in", async ({ page }) => {
    await page.goto("/admin/settings/api-keys");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fsettings%2Fapi-keys/);
    await page.getByLabel("E-mail").fill(DEMO.admin.email);
    await page.getByLabel("Password").fill(DEMO.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/settings/api-keys");
  });

  test("a wrong password is refused with a message and no session", async ({ page, context }) => {
    await signIn(page, DEMO.partner.email, "wrong-password-1");
    await expect(page.getByTestId("form-error")).toHaveText("Invalid e-mail or password.");
    await expect(page).toHaveURL(/\/login/);
    expect((await context.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
  });

  test("session cookies are HttpOnly and SameSite=Lax; pages carry the security headers", async ({ page, context }) => {
    await signIn(page, DEMO.admin.email, DEMO.admin.password, "/admin");
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    const res = await page.request.get("/login");
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, DEMO.admin.email, DEMO.admin.password, "/admin");
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
  });
});

test.describe("API access", () => {
  test("throttles sign-in failures to 429 with Retry-After", async ({ request }) => {
    const email = `nobody-${Date.now()}@demo.test`;
    for (let i = 0; i < 5; i++) {
      const res = await request.post("/api/v1/auth/token", { data: { email, password: `wrong-${i}-password` } });
      expect(res.status()).toBe(401);
    }
    const locked = await request.post("/api/v1/auth/token", { data: { email, password: "wrong-5-password" } });
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
    expect(locked.headers()["content-type"]).toBe("application/problem+json");
  });

  test("a token creates an API key that works until it is revoked", async ({ request }) => {
    const token = await apiToken(request, "admin");
    const auth = { authorization: `Bearer ${token}` };
    const created = await request.post("/api/v1/api-keys", { headers: auth, data: { name: "e2e integration", role: "ADMIN" } });
    expect(created.status()).toBe(201);
    const key = await created.json();
    const list = await request.get("/api/v1/api-keys", { headers: { "x-api-key": key.key } });
    expect(list.status()).toBe(200);
    const listed = (await list.json()).data.find((k: { id: string }) => k.id === key.id);
    expect(listed.lastUsedAt).not.toBeNull();
    const revoked = await request.delete(`/api/v1/api-keys/${key.id}`, { headers: auth });
    expect(revoked.status()).toBe(200);
    expect((await request.get("/api/v1/api-keys", { headers: { "x-api-key": key.key } })).status()).toBe(401);
    expect((await request.get("/api/v1/api-keys")).status()).toBe(401);
    const partnerToken = await apiToken(request, "partner");
    expect((await request.get("/api/v1/api-keys", { headers: { authorization: `Bearer ${partnerToken}` } })).status()).toBe(403);
  });
});
