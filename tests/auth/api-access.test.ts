import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { DELETE as revokeKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { POST as token } from "@/app/api/v1/auth/token/route";
import { POST as inboundWebhook } from "@/app/api/v1/webhooks/leads/route";
import { apiKeys, events, loginAttempts, users } from "@/db/schema";
import { call, apiSuite, TEST_ORIGIN, TEST_PASSWORD } from "../helpers/http";
import { log } from "@/lib/obs/log";

describe("API access: tokens, keys and the route wrapper", () => {
  const { t } = apiSuite();

  it("issues a one-hour bearer token that works on admin routes", async () => {
    const admin = await t.admin();
    const res = await call(token, "POST /api/v1/auth/token", {
      body: { email: admin.user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: "Bearer", expiresIn: 3600 });
    expect(res.body.accessToken.split(".")).toHaveLength(3);
    const list = await call(listKeys, "GET /api/v1/api-keys", {
      headers: { authorization: `Bearer ${res.body.accessToken}` },
    });
    expect(list.status).toBe(200);
    expect(list.body.pagination).toMatchObject({ page: 1, pageSize: 20 });
  });

  it("refuses wrong passwords, unknown e-mails and unknown fields with problem+json", async () => {
    const admin = await t.admin();
    const wrong = await call(token, "POST /api/v1/auth/token", {
      body: { email: admin.user.email, password: "nope-nope-nope" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("content-type")).toBe("application/problem+json");
    expect(wrong.body).toMatchObject({ status: 401, title: "Authentication required" });
    const unknown = await call(token, "POST /api/v1/auth/token", {
      body: { email: "nobody@test.example", password: "whatever-123" },
    });
    expect(unknown.status).toBe(401);
    const extra = await call(token, "POST /api/v1/auth/token", {
      body: { email: admin.user.email, password: TEST_PASSWORD, role: "ADMIN" },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([{ path: "role", message: "Unknown field" }]);
  });

  it("throttles after 5 failures for one e-mail + IP with 429 and Retry-After, other IPs unaffected", async () => {
    const p = await t.partner();
    const attempt = (password: string, ip = "198.51.100.7") =>
      call(token, "POST /api/v1/auth/token", {
        body: { email: p.user.email, password },
        headers: { "x-forwarded-for": ip },
      });
    for (let i = 0; i < 5; i++) expect((await attempt("wrong-password-" + i)).status).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect((await attempt(TEST_PASSWORD, "198.51.100.8")).status).toBe(200);
    // Kept in the database: five failures for the pair, the refused attempt not counted.
    const rows = await t.db.select().from(loginAttempts).where(eq(loginAttempts.email, p.user.email));
    expect(rows.filter((r) => r.ip === "198.51.100.7" && !r.success)).toHaveLength(5);
  });

  it("concurrent guesses cannot slip past the limit", async () => {
    const p = await t.partner();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(token, "POST /api/v1/auth/token", {
          body: { email: p.user.email, password: `bad-guess-${i}` },
          headers: { "x-forwarded-for": "198.51.100.9" },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });

  it("creates an API key shown once, stores only its hash, lists it with last use, and revokes it", async () => {
    const admin = await t.admin();
    const a = await t.partner();
    const res = await call(createKey, "POST /api/v1/api-keys", {
      headers: admin.headers,
      body: { name: "CRM", role: "partner", partnerId: a.partner.id },
    });
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^rp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(res.body).toMatchObject({
      name: "CRM",
      role: "PARTNER",
      partnerId: a.partner.id,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(res.body.secretHash).toBeUndefined();
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, res.body.id));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The secret is base64url and may itself contain "_": take everything after `rp_<prefix>_`.
    const secret = res.body.key.slice("rp_".length + 12 + 1);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);

    // A partner key acts as its partner: admin routes answer 403; both header styles work.
    expect((await call(listKeys, "GET /api/v1/api-keys", { headers: { "x-api-key": res.body.key } })).status).toBe(403);
    expect(
      (await call(listKeys, "GET /api/v1/api-keys", { headers: { authorization: `Bearer ${res.body.key}` } })).status,
    ).toBe(403);
    const listed = await call(listKeys, "GET /api/v1/api-keys", { headers: admin.headers, query: { pageSize: 100 } });
    const mine = listed.body.data.find((k: { id: string }) => k.id === res.body.id);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(mine.key).toBeUndefined();

    const revoked = await call(revokeKey, "DELETE /api/v1/api-keys/[id]", {
      headers: admin.headers,
      params: { id: res.body.id },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await call(listKeys, "GET /api/v1/api-keys", { headers: { "x-api-key": res.body.key } })).status).toBe(401);
    expect(
      (await call(revokeKey, "DELETE /api/v1/api-keys/[id]", { headers: admin.headers, params: { id: res.body.id } }))
        .status,
    ).toBe(409);
    expect(
      (await call(revokeKey, "DELETE /api/v1/api-keys/[id]", { headers: admin.headers, params: { id: "not-a-uuid" } }))
        .status,
    ).toBe(400);
    const audit = await t.db.select().from(events).where(eq(events.entityId, res.body.id));
    expect(audit.map((e) => e.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("validates key input: partner keys need a partner, admin keys may not have one", async () => {
    const admin = await t.admin();
    const noPartner = await call(createKey, "POST /api/v1/api-keys", {
      headers: admin.headers,
      body: { name: "x", role: "PARTNER" },
    });
    expect(noPartner.status).toBe(400);
    expect(noPartner.body.errors[0].path).toBe("partnerId");
    const bad = await call(createKey, "POST /api/v1/api-keys", {
      headers: admin.headers,
      body: { name: "", role: "ROOT", extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["extra", "name", "role"]);
  });

  it("refuses forged, malformed or expired credentials with 401, and x-middleware-subrequest gains nothing", async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: "Bearer not.a.jwt" },
      { authorization: "Basic YWRtaW46eA==" },
      { "x-api-key": "rp_000000000000_" + "A".repeat(43) },
      { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    ];
    for (const headers of cases) {
      const res = await call(listKeys, "GET /api/v1/api-keys", { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
    }
  });

  it("a token issued before a password change stops working", async () => {
    const admin = await t.admin();
    await t.db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() + 5000) })
      .where(eq(users.id, admin.user.id));
    expect((await call(listKeys, "GET /api/v1/api-keys", { headers: admin.headers })).status).toBe(401);
  });

  it("accepts the session cookie from our own origin and refuses cross-origin mutations", async () => {
    const admin = await t.admin();
    const session = await t.sessionHeaders(admin.user);
    expect((await call(listKeys, "GET /api/v1/api-keys", { headers: session })).status).toBe(200);
    const body = { name: "from the browser", role: "ADMIN" };
    expect((await call(createKey, "POST /api/v1/api-keys", { headers: session, body })).status).toBe(201);
    const evil = await call(createKey, "POST /api/v1/api-keys", {
      headers: { ...session, origin: "https://evil.example" },
      body,
    });
    expect(evil.status).toBe(403);
    const { origin: _o, ...noOrigin } = session;
    const crossSite = await call(createKey, "POST /api/v1/api-keys", {
      headers: { ...noOrigin, "sec-fetch-site": "cross-site" },
      body,
    });
    expect(crossSite.status).toBe(403);
    expect(TEST_ORIGIN).toContain("localhost");
  });

  it("answers 415 for non-JSON bodies, 400 for malformed JSON, 413 above 1 MB", async () => {
    const admin = await t.admin();
    const h = admin.headers;
    const form = await call(createKey, "POST /api/v1/api-keys", {
      headers: { ...h, "content-type": "text/plain" },
      body: "name=x",
    });
    expect(form.status).toBe(415);
    const malformed = await call(createKey, "POST /api/v1/api-keys", { headers: h, body: '{"name": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toEqual({ path: "body", message: "Malformed JSON" });
    const huge = await call(createKey, "POST /api/v1/api-keys", {
      headers: h,
      body: JSON.stringify({ name: "x".repeat(1_100_000), role: "ADMIN" }),
    });
    expect(huge.status).toBe(413);
    const wrongTypes = await call(createKey, "POST /api/v1/api-keys", { headers: h, body: [1, 2] });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.errors[0].path).toBe("body");
    expect(await t.db.select().from(apiKeys).where(eq(apiKeys.name, "x"))).toHaveLength(0);
  });

  it("a client that hangs up mid-body gets a quiet 400; other body stream failures are still logged as 500", async () => {
    const admin = await t.admin();
    /** A request whose body stream breaks after the first bytes, as Node's does when the client disconnects. */
    const brokenUpload = (path: string, error: Error) => {
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          if (sent) return c.error(error);
          sent = true;
          c.enqueue(new TextEncoder().encode('{"name": "half a bo'));
        },
      });
      const headers = { ...admin.headers, "content-type": "application/json", "x-forwarded-for": "203.0.113.10" };
      return new Request(new URL(path, TEST_ORIGIN), { method: "POST", headers, body, duplex: "half" } as RequestInit);
    };
    const aborted = () => Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const noParams = { params: Promise.resolve({}) };
    // Unhandled errors go to the JSON log (lib/obs/log.ts).
    const logged = vi.spyOn(log(), "error").mockImplementation(() => {});
    try {
      for (const res of [
        await createKey(brokenUpload("/api/v1/api-keys", aborted()), noParams),
        await inboundWebhook(brokenUpload("/api/v1/webhooks/leads", aborted()), noParams),
      ]) {
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect((await res.json()).detail).toMatch(/not received completely/);
      }
      expect(logged).not.toHaveBeenCalled();
      const other = await createKey(brokenUpload("/api/v1/api-keys", new Error("something else broke")), noParams);
      expect(other.status).toBe(500);
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });
});
