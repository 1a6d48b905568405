import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApiTest, type ApiTest } from "../helpers/http";
import { startServer, type LiveServer } from "../helpers/server";

/** The `script-src` directive of a policy. */
const scriptSrc = (csp: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src")) ?? "";

describe("Content-Security-Policy: scripts run by nonce, never by 'unsafe-inline'", () => {
  let t: ApiTest;
  let s: LiveServer;
  const cookies: Record<string, string> = { public: "" };
  beforeAll(async () => {
    t = await setupApiTest();
    s = await startServer(t);
    cookies.admin = (await t.sessionHeaders((await t.admin()).user)).cookie;
    cookies.partner = (await t.sessionHeaders((await t.partner()).user)).cookie;
  }, 600_000);
  afterAll(async () => {
    await s?.stop();
    await t?.close();
  });

  it.each([
    ["public", "/"],
    ["public", "/quote"],
    ["public", "/signup"],
    ["public", "/login"],
    ["partner", "/portal"],
    ["admin", "/admin"],
    ["admin", "/admin/partners"],
    ["public", "/docs/api"],
  ])("%s %s: one policy with a fresh nonce, carried by every script tag", async (who, page) => {
    const get = () => fetch(`${s.url}${page}`, { headers: { cookie: cookies[who] }, redirect: "manual" });
    const res = await get();
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).not.toContain(","); // a single policy, not the config's and the proxy's side by side
    const src = scriptSrc(csp);
    expect(src).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(src)?.[1];
    expect(nonce, src).toBeTruthy();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]));
    expect(inline.length).toBeGreaterThan(0); // Next's flight data is inline: the nonce is what lets it run
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    const again = (await get()).headers.get("content-security-policy") ?? "";
    expect(again).not.toBe(csp);
  });

  it("the API gets the same policy without a nonce (no script runs there)", async () => {
    const res = await fetch(`${s.url}/api/health`);
    const src = scriptSrc(res.headers.get("content-security-policy") ?? "");
    expect(src).toBe("script-src 'self'");
  });

  it("Next's error-page route is not found, not a 500", async () => {
    expect((await fetch(`${s.url}/_global-error`)).status).toBe(404);
  });
});
