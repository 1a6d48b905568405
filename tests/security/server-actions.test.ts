import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApiTest, type ApiTest } from "../helpers/http";
import { startServer, type LiveServer } from "../helpers/server";

/** Server-action ids by exported name, from the build the live server runs. */
function actionIds(): Record<string, string> {
  const root = process.env.LIVE_SERVER_ROOT ?? path.resolve(import.meta.dirname, "../..");
  const file = path.join(root, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { exportedName: string }> };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, v]) => [v.exportedName, id]));
}

describe("server actions answer bad requests with 4xx, never 500, and log no error", () => {
  let t: ApiTest;
  let s: LiveServer;
  let ids: Record<string, string>;
  let adminCookie: string;
  let partnerCookie: string;
  beforeAll(async () => {
    t = await setupApiTest();
    s = await startServer(t);
    ids = actionIds();
    adminCookie = (await t.sessionHeaders((await t.admin()).user)).cookie;
    partnerCookie = (await t.sessionHeaders((await t.partner()).user)).cookie;
  }, 600_000);
  afterAll(async () => {
    await s?.stop();
    await t?.close();
  });

  const post = (page: string, action: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${page}`, {
      method: "POST",
      headers: {
        "next-action": ids[action] ?? action,
        "content-type": "text/plain;charset=UTF-8",
        origin: s.url,
        ...headers,
      },
      body,
      // Only for the streamed (chunked) body below.
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);

  it("still runs a well-formed action call (200)", async () => {
    const res = await post("/forgot-password", "forgotPasswordAction", JSON.stringify([null, { email: "a@b.co" }]));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"ok":true');
  });

  it.each([
    ["malformed JSON", "/quote", "submitQuote", "{{{", {}],
    ["a reference to a missing part", "/quote", "submitQuote", '["$K1"]', {}],
    [
      "a broken multipart body",
      "/quote",
      "submitQuote",
      "garbage",
      { "content-type": "multipart/form-data; boundary=zzz" },
    ],
    ["a string where the form goes (quote)", "/quote", "submitQuote", '[null,"x"]', {}],
    ["a string where the form goes (sign-in)", "/login", "loginAction", '["x","y"]', {}],
    ["a number where the form goes (admin)", "/admin/rewards", "approveRewardAction", "[null,5]", { as: "admin" }],
    [
      "an array where the form goes (partner)",
      "/portal/profile",
      "saveProfileAction",
      "[null,[1,2]]",
      { as: "partner" },
    ],
    ["a non-text secret", "/admin/webhooks", "rotateInboundSecretAction", "[{}]", { as: "admin" }],
  ])("%s → 400", async (_what, page, action, body, { as, ...headers }: Record<string, string>) => {
    if (as) headers.cookie = as === "admin" ? adminCookie : partnerCookie;
    const res = await post(page, action, body, headers);
    expect(res.status).toBe(400);
  });

  it("a body past serverActions.bodySizeLimit (1 MB) → 413", async () => {
    const res = await post("/quote", "submitQuote", "x".repeat(1024 * 1024 + 1));
    expect(res.status).toBe(413);
    const ten = await post("/quote", "submitQuote", "x".repeat(10 * 1024 * 1024));
    expect(ten.status).toBe(413);
  });

  it("a streamed body without Content-Length → 411", async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("[null,{}]"));
        c.close();
      },
    });
    const res = await post("/quote", "submitQuote", stream);
    expect(res.status).toBe(411);
  });

  it.each([["http://evil.example"], ["null"], ["not a url"]])("Origin %s → 403", async (origin) => {
    const res = await post("/quote", "submitQuote", '[null,"x"]', { origin });
    expect(res.status).toBe(403);
  });

  it("logged nothing at error level and no fault", () => {
    expect(s.output()).not.toMatch(/^⨯/m);
    expect(s.output()).not.toContain("[action] unhandled error");
    expect(s.output()).not.toContain("[server] request failed");
    expect(s.faults()).toEqual([]);
  });
});
