import { DEMO, apiToken, expect, signIn, test, covers } from "./fixtures";

test.describe("sign-in", () => {
  test("an admin lands in /admin and a partner in /portal; each area refuses the other role", async ({
    adminPage,
    partnerPage,
  }) => {
    covers("loginAction");
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

  test("a forged x-middleware-subrequest header gains nothing on pages or the API", async ({ request }) => {
    const headers = {
      "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware",
    };
    const page = await request.get("/admin/settings/api-keys", { headers, maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(page.status());
    expect(page.headers()["location"]).toContain("/login");
    expect((await request.get("/api/v1/api-keys", { headers })).status()).toBe(401);
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
    covers("signOutAction");
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
    const created = await request.post("/api/v1/api-keys", {
      headers: auth,
      data: { name: "e2e integration", role: "ADMIN" },
    });
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
    expect(
      (await request.get("/api/v1/api-keys", { headers: { authorization: `Bearer ${partnerToken}` } })).status(),
    ).toBe(403);
  });
});

async function signUp(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("First name").fill("Paula");
  await page.getByLabel("Last name").fill("Newman");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Company (optional)").fill("Newman Brokers");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Create partner account" }).click();
}

test.describe("accounts", () => {
  test("sign-up creates a pending partner, shows the code and signs the partner in", async ({ page }) => {
    covers("signupAction");
    const email = `paula-${Date.now()}@example.com`;
    await signUp(page, email, "paula-password-1");
    await expect(page.getByTestId("referral-code")).toHaveText(/^PAUNEW\d{4}$/);
    await expect(page.getByText("waiting for approval")).toBeVisible();
    await page.getByRole("link", { name: "Go to your portal" }).click();
    await expect(page).toHaveURL(/\/portal$/);
    // The same e-mail cannot sign up twice.
    await page.context().clearCookies();
    await signUp(page, email, "paula-password-1");
    await expect(page.getByText("Already registered")).toBeVisible();
  });

  test("sign-up names each bad field and keeps the visitor on the form", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create partner account" }).click();
    await expect(page.getByText("Enter a first name")).toBeVisible();
    await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
    await expect(page.getByText("At least 10 characters").first()).toBeVisible();
  });

  test("forgot password answers the same for every e-mail; a reset link sets a new password once", async ({
    page,
    request,
    browser,
  }) => {
    covers("forgotPasswordAction", "setPasswordAction");
    const email = `reset-${Date.now()}@example.com`;
    await signUp(page, email, "first-password-1");
    await expect(page.getByTestId("referral-code")).toBeVisible();
    await page.context().clearCookies();

    for (const who of [email, "nobody-at-all@example.com"]) {
      await page.goto("/forgot-password");
      await page.getByLabel("E-mail").fill(who);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByText("If an account exists for that e-mail")).toBeVisible();
    }
    // No mail server: the program team hands the link over (it is also in the outbox).
    const token = await apiToken(request, "admin");
    const res = await request.post("/api/v1/auth/password-resets", {
      headers: { authorization: `Bearer ${token}` },
      data: { email },
    });
    expect(res.status()).toBe(201);
    const { path } = await res.json();
    await page.goto(path);
    await page.getByLabel("New password").fill("second-password-2");
    await page.getByLabel("Repeat the password").fill("second-password-2");
    await page.getByRole("button", { name: "Reset password and sign in" }).click();
    await expect(page).toHaveURL(/\/portal$/);
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    // A fresh context: a request still in flight on the signed-in page could set the session cookie again.
    const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const visitor = await fresh.newPage();
    await signIn(visitor, email, "first-password-1");
    await expect(visitor.getByTestId("form-error")).toHaveText("Invalid e-mail or password.");
    await signIn(visitor, email, "second-password-2", "/portal");
    await fresh.close();
  });

  test("a partner created by an admin accepts the invitation link and lands in the portal", async ({
    page,
    request,
  }) => {
    const token = await apiToken(request, "admin");
    const res = await request.post("/api/v1/partners", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        firstName: "Ivy",
        lastName: "Invited",
        email: `ivy-${Date.now()}@example.com`,
        companyName: "Ivy Agency",
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { invitation } = await res.json();
    expect(invitation.url).toMatch(/\/invite\/[\w-]{43}$/);
    invitation.path = new URL(invitation.url).pathname;
    await page.goto(invitation.path);
    await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
    await page.getByLabel("New password").fill("invited-password-1");
    await page.getByLabel("Repeat the password").fill("invited-password-2");
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(page.getByText("The passwords differ")).toBeVisible();
    await page.getByLabel("New password").fill("invited-password-1");
    await page.getByLabel("Repeat the password").fill("invited-password-1");
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(page).toHaveURL(/\/portal$/);
  });

  test("an admin creates an API key in the settings, it works, and revoking it stops it", async ({
    adminPage,
    request,
  }) => {
    covers("createApiKeyAction", "revokeApiKeyAction");
    await adminPage.goto("/admin/settings/api-keys");
    const name = `UI key ${Date.now()}`;
    await adminPage.getByLabel("Name").fill(name);
    await adminPage.getByRole("button", { name: "Create key" }).click();
    const key = (await adminPage.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^rp_[0-9a-f]{12}_/);
    expect((await request.get("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
    await adminPage.reload();
    const row = adminPage.getByRole("row").filter({ hasText: name });
    await expect(row).not.toContainText("never");
    adminPage.once("dialog", (d) => d.accept());
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(row).toContainText("Revoked");
    expect((await request.get("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
  });
});

test("the API reference and the OpenAPI document describe the routes", async ({ page, request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/auth/token", "/api/v1/api-keys/{id}"]));
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Exchange e-mail and password for a one-hour bearer token" }),
  ).toBeVisible();
});
