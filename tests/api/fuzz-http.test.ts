/**
 * The in-suite fuzzer against the production server (scripts/server.mjs over `next build`): random methods,
 * paths, query strings, headers (Origin, X-Forwarded-For, content types) and bodies (JSON, text, multipart,
 * form, NUL, invalid UTF-8) to every OpenAPI operation, every page and route, and every server-action id, as
 * every kind of caller (anonymous, partner, other partner, admin). Required: no answer ≥ 500, no answer
 * slower than 10 s, no fault (unhandled rejection) on the server, and 0 invariant violations afterwards.
 *
 * FUZZ_RUNS (default 5,000) sets the number of cases, FUZZ_SEED the seed (printed on failure, to replay).
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvariants } from "@/lib/invariants";
import { and, eq, ne } from "drizzle-orm";
import { leads, partners, payouts, referrals, rewards, users } from "@/db/schema";
import { DEMO_ADMIN_EMAIL, DEMO_PARTNER_CODE, DEMO_PARTNER_EMAIL, seedDemo } from "@/db/seed";
import { setupApiTest, type ApiTest } from "../helpers/http";
import { startServer, type LiveServer } from "../helpers/server";

const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 4;
const HANG_MS = 10_000;
const root = process.env.LIVE_SERVER_ROOT ?? path.resolve(import.meta.dirname, "../..");

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the case aimed at, for the failure report. */
  target: string;
}
interface Outcome {
  status: number;
  ms: number;
}

/** Page and non-API route patterns of the build, e.g. "/admin/partners/[id]". */
function pageRoutes(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/app-paths-manifest.json"), "utf8"));
  const routes = Object.keys(manifest as Record<string, string>)
    .filter((k) => /\/(page|route)$/.test(k) && !k.startsWith("/api/") && !k.includes("_not-found"))
    .map((k) => k.replace(/\/(page|route)$/, "").replace(/\/\([^)]+\)/g, "") || "/");
  return [...new Set(routes)].sort();
}

/** Server-action ids with one page that serves each. */
function actions(): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"));
  return Object.entries(
    manifest.node as Record<string, { exportedName: string; workers: Record<string, unknown> }>,
  ).map(([id, v]) => {
    const worker = Object.keys(v.workers)[0] ?? "app/page";
    const page =
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]+\)/g, "") || "/";
    return { id, name: v.exportedName, page };
  });
}

function send(base: URL, c: Case, agent: http.Agent): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method: c.method, path: c.path, headers: c.headers, agent },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - started }));
        res.on("error", () => resolve({ status: -1, ms: Date.now() - started }));
      },
    );
    req.setTimeout(HANG_MS, () => {
      req.destroy();
      resolve({ status: -2, ms: Date.now() - started });
    });
    // A refused or reset connection is not an answer ≥ 500; count it apart (status -1).
    req.on("error", () => resolve({ status: -1, ms: Date.now() - started }));
    if (c.body) req.end(c.body);
    else req.end();
  });
}

const nasty = fc.constantFrom(
  "%00",
  "a%00b",
  "%ff%fe",
  "%c3%28",
  "%",
  "%zz",
  "..%2f..%2fetc%2fpasswd",
  "'%20or%201=1--",
  "%3Cscript%3E",
  "x".repeat(3000),
  "-1",
  "1e309",
  "0x10",
  "%20%2010%20",
  "null",
  "[]",
);
const token = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/), nasty);

describe("fuzz: random requests against the live server", () => {
  let t: ApiTest;
  let s: LiveServer;
  let cases: Case[];
  beforeAll(async () => {
    t = await setupApiTest();
    s = await startServer(t);
    // The demo seed: a consistent data set (every invariant holds), with an admin and a partner login.
    await seedDemo(t.db);
    const atStart = (await checkInvariants(t.db)).filter((r) => r.violations > 0).map((r) => r.name);
    expect(atStart, "the seed alone must hold every invariant").toEqual([]);
    const sessionUser = {
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      partnerId: users.partnerId,
    };
    const [admin] = await t.db.select(sessionUser).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
    const [partner] = await t.db.select(sessionUser).from(users).where(eq(users.email, DEMO_PARTNER_EMAIL));
    // Another seeded partner gets a login of its own: the "other partner" caller.
    const [other] = await t.db
      .select({ id: partners.id, email: partners.email })
      .from(partners)
      .where(ne(partners.id, partner.partnerId!))
      .limit(1);
    const [otherUser] = await t.db
      .insert(users)
      .values({
        email: `fuzz-${other.email}`,
        name: "Other Partner",
        role: "PARTNER",
        partnerId: other.id,
        passwordHash: "x",
      })
      .returning(sessionUser);
    const some = async (table: typeof partners | typeof referrals | typeof rewards | typeof payouts | typeof leads) =>
      (await t.db.select({ id: table.id }).from(table).limit(4)).map((r) => r.id);
    const ids = [
      partner.partnerId!,
      other.id,
      ...(await some(referrals)),
      ...(await some(rewards)),
      ...(await some(payouts)),
      ...(await some(leads)),
      DEMO_PARTNER_CODE,
      "00000000-0000-0000-0000-000000000000",
    ];
    const id = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: token });

    const openapi = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(openapi.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: p })),
    );
    const pages = pageRoutes();
    const acts = actions();
    expect(operations.length).toBeGreaterThan(40);
    expect(pages.length).toBeGreaterThan(20);
    expect(acts.length).toBeGreaterThan(20);

    const callers: Record<string, Record<string, string>> = {
      anonymous: {},
      partner: { ...(await t.bearer(partner)), cookie: (await t.sessionHeaders(partner)).cookie },
      otherPartner: { ...(await t.bearer(otherUser)), cookie: (await t.sessionHeaders(otherUser)).cookie },
      admin: { ...(await t.bearer(admin)), cookie: (await t.sessionHeaders(admin)).cookie },
    };
    const caller = fc.constantFrom(...Object.keys(callers));
    const fill = (pattern: string) =>
      fc
        .array(id, { minLength: 4, maxLength: 4 })
        .map((vals) => pattern.replace(/[[{](?:\.\.\.)?\w+[\]}]/g, () => encodeURIComponent(vals.shift()!)));
    const query = fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom("from", "to", "page", "pageSize", "sort", "status", "q", "limit", "next", "ref", "sub"),
            token,
          ),
          fc.oneof(token, fc.constantFrom("2026-01-01", "asc", "-createdAt", "PENDING", "100000000", "")),
        ),
        { maxLength: 4 },
      )
      .map((kv) => (kv.length ? "?" + kv.map(([k, v]) => `${k}=${v}`).join("&") : ""));
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
    const body = fc.oneof(
      json.map((text) => ({ type: "application/json", data: Buffer.from(text) })),
      fc.string({ maxLength: 200 }).map((text) => ({ type: "text/plain;charset=UTF-8", data: Buffer.from(text) })),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => ({
        type: "application/json",
        data: Buffer.concat([
          Buffer.from('{"a":"'),
          Buffer.from(bytes),
          Buffer.from([0xff, 0xfe, 0]),
          Buffer.from('"}'),
        ]),
      })),
      fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 40 })).map(([k, v]) => ({
        type: "application/x-www-form-urlencoded",
        data: Buffer.from(`${k}=${v}&$ACTION_ID_x=1`),
      })),
      fc.string({ maxLength: 80 }).map((v) => ({
        type: "multipart/form-data; boundary=fz",
        data: Buffer.from(`--fz\r\nContent-Disposition: form-data; name="0"\r\n\r\n${v}\r\n--fz--\r\n`),
      })),
      fc.constant({ type: "application/json", data: Buffer.from('{"a":"\\u0000"}') }),
    );
    const origin = fc.constantFrom(undefined, s.url, "http://evil.example", "null", "garbage");
    const xff = fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), token, fc.constant("1.2.3.4, 5.6.7.8")), { nil: undefined });
    const method = fc.constantFrom("GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "FOO");

    const api = fc.record({
      op: fc.constantFrom(...operations),
      other: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    });
    const target = fc.oneof(
      {
        weight: 4,
        arbitrary: api.chain(({ op, other }) =>
          fill(op.path).map((p) => ({ kind: "api", method: other ? undefined : op.method, path: p })),
        ),
      },
      {
        weight: 3,
        arbitrary: fc
          .constantFrom(...pages)
          .chain((p) => fill(p).map((x) => ({ kind: "page", method: undefined, path: x }))),
      },
      {
        weight: 3,
        arbitrary: fc
          .constantFrom(...acts)
          .chain((x) => fill(x.page).map((p) => ({ kind: "action", method: "POST", path: p, action: x.id }))),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(token, { minLength: 1, maxLength: 4 })
          .map((segs) => ({ kind: "random", method: undefined, path: "/" + segs.join("/") })),
      },
    );
    const arbitrary = fc
      .record({
        target,
        method,
        query,
        caller,
        origin,
        xff,
        body: fc.option(body, { nil: undefined, freq: 3 }),
      })
      .map((r): Case => {
        const t0 = r.target as { kind: string; method?: string; path: string; action?: string };
        const m = t0.method ?? r.method;
        const headers: Record<string, string> = { ...callers[r.caller] };
        if (r.origin) headers.origin = r.origin;
        if (r.xff) headers["x-forwarded-for"] = r.xff;
        if (t0.action) headers["next-action"] = t0.action;
        const hasBody = r.body && !["GET", "HEAD"].includes(m);
        if (hasBody) {
          headers["content-type"] = r.body!.type;
          headers["content-length"] = String(r.body!.data.length);
        }
        return {
          method: m,
          path: t0.path + r.query,
          headers,
          body: hasBody ? r.body!.data : undefined,
          target: `${t0.kind} as ${r.caller}`,
        };
      });
    // First one case per operation, page and action (as admin, with a JSON body where one fits), so each is
    // reached whatever the seed; then the random ones.
    // A third seeded partner's id: what these admin calls change never locks out the partner callers.
    const [third] = await t.db
      .select({ id: partners.id })
      .from(partners)
      .where(and(ne(partners.id, partner.partnerId!), ne(partners.id, other.id)))
      .limit(1);
    const plain = (p: string) => p.replace(/[[{](?:\.\.\.)?\w+[\]}]/g, third.id);
    const jsonCase = (headers: Record<string, string>, text: string) => ({
      headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) },
      body: Buffer.from(text),
    });
    const every: Case[] = [
      ...operations.map((op) => ({
        method: op.method,
        path: plain(op.path),
        ...(op.method === "GET" ? { headers: callers.admin } : jsonCase(callers.admin, '{"x":1}')),
        target: `api as admin`,
      })),
      ...pages.map((p) => ({
        method: "GET",
        path: plain(p) + "?page=x&from=x",
        headers: callers.admin,
        target: "page as admin",
      })),
      ...acts.map((x) => ({
        method: "POST",
        path: plain(x.page),
        ...jsonCase({ ...callers.admin, "next-action": x.id, origin: s.url }, '[null,{"x":1}]'),
        target: "action as admin",
      })),
    ];
    cases = [...every, ...fc.sample(arbitrary, { seed: SEED, numRuns: Math.max(0, RUNS - every.length) })];
  }, 1_200_000); // a production build first, slow on a busy machine
  afterAll(async () => {
    await s?.stop();
    await t?.close();
  });

  it(
    `sends ${RUNS} cases: none answers ≥ 500 or hangs, no server fault, invariants hold`,
    { timeout: 900_000 },
    async () => {
      const base = new URL(s.url);
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      const failures: string[] = [];
      const statuses: Record<number, number> = {};
      const byKind: Record<string, Record<number, number>> = {};
      let slowest = 0;
      let next = 0;
      const slow: Case[] = [];
      const worker = async () => {
        while (next < cases.length) {
          const c = cases[next++];
          const r = await send(base, c, agent);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          const kind = (byKind[c.target] ??= {});
          kind[r.status] = (kind[r.status] ?? 0) + 1;
          slowest = Math.max(slowest, r.ms);
          if (r.status === -2) slow.push(c);
          else if (r.status >= 500) failures.push(`${r.status} ${c.method} ${c.path.slice(0, 160)} (${c.target})`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      // A case that took over 10 s among the others is sent again alone: on a busy machine queueing alone can
      // take that long; a hang is a case that has no answer within 10 s even then.
      for (const c of slow) {
        const r = await send(base, c, agent);
        if (r.status === -2 || r.status >= 500)
          failures.push(`${r.status === -2 ? "HANG" : r.status} ${c.method} ${c.path.slice(0, 160)} (${c.target})`);
      }
      agent.destroy();
      const report = `seed ${SEED} (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} to replay); statuses ${JSON.stringify(statuses)}`;
      console.log(
        `[fuzz] ${cases.length} cases, ${failures.length} failures, ${slow.length} over 10 s among others, slowest ${slowest} ms; ${report}; by kind ${JSON.stringify(byKind)}`,
      );
      expect(failures.slice(0, 40), report).toEqual([]);
      expect(s.faults(), report).toEqual([]);
      const broken = (await checkInvariants(t.db)).filter((r) => r.violations > 0);
      expect(
        broken.map((r) => `${r.name}: ${r.violations} (${r.sample.join(", ")})`),
        report,
      ).toEqual([]);
    },
  );
});
