import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as listKeys } from "@/app/api/v1/api-keys/route";
import { POST as token } from "@/app/api/v1/auth/token/route";
import { GET as me } from "@/app/api/v1/partners/me/route";
import { DELETE as terminate } from "@/app/api/v1/partners/[id]/route";
import { loginAttempts } from "@/db/schema";
import { attemptLogin } from "@/lib/auth/login";
import { call, apiSuite, TEST_PASSWORD, type ApiTest } from "../helpers/http";

/** The credentials provider's `authorize` (auth.ts) and POST /api/v1/auth/token both sign in through attemptLogin. */
const login = (t: ApiTest, email: string, password = TEST_PASSWORD) =>
  attemptLogin(t.db, { email, password, ip: "192.0.2.44" });

describe("closed accounts: a TERMINATED partner is locked out, a SUSPENDED one is not", () => {
  const { t } = apiSuite();

  it("terminating a partner ends its password sign-in, bearer tokens, session cookie and API keys at once", async () => {
    const admin = await t.admin();
    const p = await t.partner();
    const issued = await call(token, "POST /api/v1/auth/token", {
      body: { email: p.user.email, password: TEST_PASSWORD },
    });
    expect(issued.status).toBe(200);
    const credentials = {
      bearer: { authorization: `Bearer ${issued.body.accessToken}` },
      session: await t.sessionHeaders(p.user),
      apiKey: (await t.apiKey("PARTNER", p.partner.id)).headers,
    };
    for (const [kind, headers] of Object.entries(credentials))
      expect((await call(me, "GET /api/v1/partners/me", { headers })).status, kind).toBe(200);

    expect(
      (await call(terminate, "DELETE /api/v1/partners/[id]", { params: { id: p.partner.id }, headers: admin.headers }))
        .body.status,
    ).toBe("TERMINATED");

    for (const [kind, headers] of Object.entries(credentials)) {
      const res = await call(me, "GET /api/v1/partners/me", { headers });
      expect(res.status, kind).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    // Sign-in: the right password is refused exactly like a wrong one, and counts as a failed attempt.
    expect(await login(t, p.user.email)).toEqual({ ok: false, reason: "invalid" });
    const right = await call(token, "POST /api/v1/auth/token", {
      body: { email: p.user.email, password: TEST_PASSWORD },
    });
    const wrong = await call(token, "POST /api/v1/auth/token", {
      body: { email: p.user.email, password: "not-the-password" },
    });
    expect(right.status).toBe(401);
    expect({ ...right.body, requestId: undefined }).toEqual({ ...wrong.body, requestId: undefined });
    const attempts = await t.db.select().from(loginAttempts).where(eq(loginAttempts.email, p.user.email));
    expect(attempts.filter((a) => a.success)).toHaveLength(1); // only the token issued before the termination

    // Admins are unaffected: their key has no partner.
    expect((await call(listKeys, "GET /api/v1/api-keys", { headers: (await t.apiKey("ADMIN")).headers })).status).toBe(
      200,
    );
  });

  it("a SUSPENDED partner still signs in and reads its own record with a token, a session and a key", async () => {
    const p = await t.partner({ status: "SUSPENDED" });
    const result = await login(t, p.user.email);
    expect(result).toMatchObject({ ok: true, user: { id: p.user.id, role: "PARTNER", partnerId: p.partner.id } });
    const issued = await call(token, "POST /api/v1/auth/token", {
      body: { email: p.user.email, password: TEST_PASSWORD },
    });
    expect(issued.status).toBe(200);
    for (const headers of [
      { authorization: `Bearer ${issued.body.accessToken}` },
      await t.sessionHeaders(p.user),
      (await t.apiKey("PARTNER", p.partner.id)).headers,
    ]) {
      const res = await call(me, "GET /api/v1/partners/me", { headers });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: p.partner.id, status: "SUSPENDED" });
    }
  });
});
