/**
 * Testing /api/v1 route handlers without a server or a build.
 *
 *   import { GET, POST } from "@/app/api/v1/things/route";
 *   import { GET as getOne } from "@/app/api/v1/things/[id]/route";
 *   import { apiSuite, call } from "../helpers/http";
 *
 *   const { t } = apiSuite();      // fresh PostgreSQL db for this suite; getDb() returns it (see apiSuite below)
 *
 *   it("creates", async () => {
 *     const admin = await t.admin();                         // a user + `headers` with a bearer token
 *     const res = await call(POST, "POST /api/v1/things", { headers: admin.headers, body: { name: "x" } });
 *     expect(res.status).toBe(201);
 *     const a = await t.partner();                           // partner row + code + user + bearer headers
 *     const r2 = await call(getOne, "GET /api/v1/things/[id]", { params: { id: res.body.id }, headers: a.headers });
 *     expect(r2.status).toBe(404);
 *   });
 *
 * Other credentials: `t.apiKey("ADMIN")` / `t.apiKey("PARTNER", partnerId)` (API key headers),
 * `t.sessionHeaders(user)` (a next-auth session cookie plus a same-origin Origin, as a browser sends).
 * `t.db` is the test database for arranging rows and asserting on them directly.
 * `setupApiTest()` (what `apiSuite` calls) must run once per test file (each file has its own process and database).
 */
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "@/db";
import { partnerCodes, partners, users } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { signAccessToken } from "@/lib/auth/access-token";
import { createApiKey } from "@/lib/auth/api-keys";
import { authSecret } from "@/lib/auth/secret";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/users";
import { createTestDb, type TestDb } from "./db";
import { lateBound } from "./late";

export const TEST_ORIGIN = "http://localhost:3000";
export const TEST_PASSWORD = "correct-horse-battery";

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON (problem+json included), the text for other types, null when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  /** Sent as JSON unless it is already a string (then sent as is, for malformed-JSON tests). */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Calls a route handler like Next would. `route` is "METHOD /path" (the path may keep `[id]` segments:
 * they are filled from `params`, which are also passed to the handler).
 */
export async function call(handler: Handler, route: string, opts: CallOptions = {}): Promise<ApiResponse> {
  const [method, rawPath] = route.split(" ");
  const path = rawPath.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, k: string) =>
    encodeURIComponent(opts.params?.[k] ?? `[${k}]`),
  );
  const url = new URL(path, TEST_ORIGIN);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const headers = new Headers({ host: url.host, "x-forwarded-for": "203.0.113.10", ...opts.headers });
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const res = await handler(new Request(url, { method, headers, body }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  const text = await res.text();
  const ct = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    headers: res.headers,
    body: text === "" ? null : ct.includes("json") ? JSON.parse(text) : text,
  };
}

/**
 * A route bound once, for suites that call it again and again as other callers with other bodies:
 *
 *   const createReward = bound(list.POST, "POST /api/v1/rewards");
 *   const cancelReward = byId(cancel.POST, "POST /api/v1/rewards/[id]/cancel");
 *   expect((await cancelReward(reward.id, admin.headers, {})).status).toBe(400);
 */
export function bound(handler: Handler, route: string) {
  return (headers: Record<string, string>, body?: unknown) => call(handler, route, { headers, body });
}
/** `bound` for a GET with a query string. */
export function boundQuery(handler: Handler, route: string) {
  return (headers: Record<string, string>, query?: CallOptions["query"]) => call(handler, route, { headers, query });
}
/** `bound` for a route with an `[id]` segment: the id comes first. */
export function byId(handler: Handler, route: string) {
  return (id: string, headers: Record<string, string>, body?: unknown) =>
    call(handler, route, { params: { id }, headers, body });
}

export interface TestUser {
  user: SessionUser;
  password: string;
  /** `Authorization: Bearer <jwt>` */
  headers: Record<string, string>;
}
export interface TestPartner extends TestUser {
  partner: typeof partners.$inferSelect;
  code: string;
}

export interface ApiTest {
  db: TestDb["db"];
  handle: TestDb;
  admin(opts?: { email?: string }): Promise<TestUser>;
  partner(opts?: {
    email?: string;
    status?: "ACTIVE" | "INACTIVE" | "SUSPENDED" | "TERMINATED";
    commissionRateBps?: number;
  }): Promise<TestPartner>;
  apiKey(
    role: "ADMIN" | "PARTNER",
    partnerId?: string,
  ): Promise<{ key: string; id: string; headers: Record<string, string> }>;
  bearer(user: SessionUser): Promise<Record<string, string>>;
  sessionHeaders(user: SessionUser): Promise<Record<string, string>>;
  close(): Promise<void>;
}

let passwordHash: Promise<string> | undefined;
const uniq = () => randomBytes(4).toString("hex");

/** A fresh database for this test file (pool options optional); the app's `getDb()` returns it from now on. */
export async function setupApiTest(opts?: Parameters<typeof createTestDb>[0]): Promise<ApiTest> {
  const handle = await createTestDb(opts);
  (globalThis as unknown as { __rpDb?: Promise<DbHandle> }).__rpDb = Promise.resolve(handle);
  const db = handle.db;
  const bearer = async (u: SessionUser) => ({ authorization: `Bearer ${await signAccessToken(u)}` });

  async function insertUser(values: {
    email: string;
    name: string;
    role: "ADMIN" | "PARTNER";
    partnerId: string | null;
  }) {
    const [u] = await db
      .insert(users)
      .values({ ...values, passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)) })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, partnerId: users.partnerId });
    return u;
  }

  return {
    db,
    handle,
    bearer,
    async admin(opts = {}) {
      const user = await insertUser({
        email: opts.email ?? `admin-${uniq()}@test.example`,
        name: "Test Admin",
        role: "ADMIN",
        partnerId: null,
      });
      return { user, password: TEST_PASSWORD, headers: await bearer(user) };
    },
    async partner(opts = {}) {
      const id = uniq();
      const email = opts.email ?? `partner-${id}@test.example`;
      const [partner] = await db
        .insert(partners)
        .values({
          firstName: "Test",
          lastName: `Partner ${id}`,
          email,
          status: opts.status ?? "ACTIVE",
          commissionRateBps: opts.commissionRateBps ?? 1000,
        })
        .returning();
      const code = `TST${id.toUpperCase()}`.slice(0, 10);
      await db.insert(partnerCodes).values({ partnerId: partner.id, code });
      const user = await insertUser({ email, name: `Test Partner ${id}`, role: "PARTNER", partnerId: partner.id });
      return { user, partner, code, password: TEST_PASSWORD, headers: await bearer(user) };
    },
    async apiKey(role, partnerId) {
      const k = await createApiKey(
        db,
        { name: `test ${role.toLowerCase()} key ${uniq()}`, role, partnerId: partnerId ?? null },
        systemActor("test"),
      );
      return { key: k.key, id: k.id, headers: { "x-api-key": k.key } };
    },
    async sessionHeaders(u) {
      const name = "authjs.session-token";
      const now = Math.floor(Date.now() / 1000);
      const token = await encode({
        salt: name,
        secret: authSecret()!,
        token: { sub: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partnerId, signedInAt: now },
      });
      return { cookie: `${name}=${token}`, origin: TEST_ORIGIN };
    },
    close: () => handle.drop(),
  };
}

type PartnerOptions = Parameters<ApiTest["partner"]>[0];

/**
 * `setupApiTest()` for the enclosing suite (or file), closed after it, plus the actors most suites start
 * with, made in this order before any later hook: an admin when `admin` is set, then one partner per
 * entry of `partners` (a count, or the options of each).
 *
 *   const { t, admin, testPartners } = apiSuite({ admin: true, partners: 2 });
 *   const [a, b] = testPartners;
 */
export function apiSuite(opts: { admin?: boolean; partners?: number | PartnerOptions[] } = {}) {
  const wanted =
    typeof opts.partners === "number" ? Array.from({ length: opts.partners }, () => ({})) : (opts.partners ?? []);
  let t: ApiTest | undefined;
  let admin: TestUser | undefined;
  const made: (TestPartner | undefined)[] = wanted.map(() => undefined);
  beforeAll(async () => {
    t = await setupApiTest();
    if (opts.admin) admin = await t.admin();
    for (const [i, o] of wanted.entries()) made[i] = await t.partner(o);
  });
  afterAll(() => t?.close());
  return {
    t: lateBound("the API test", () => t),
    admin: lateBound<TestUser>("the admin (apiSuite({ admin: true }))", () => admin),
    testPartners: made.map((_, i) => lateBound<TestPartner>(`partner ${i + 1}`, () => made[i])),
  };
}
