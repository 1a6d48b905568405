import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSuite } from "../helpers/http";
import { startServer, type LiveServer } from "../helpers/server";

describe("a bad query parameter on a page shows the page with a message, and rejects no promise", () => {
  const { t, admin } = apiSuite({ admin: true });
  let s: LiveServer;
  let cookie: string;
  beforeAll(async () => {
    s = await startServer(t);
    cookie = (await t.sessionHeaders(admin.user)).cookie;
  }, 600_000);
  afterAll(() => s?.stop());

  it.each([["/admin?from=x"], ["/admin?to=2026-13-45"], ["/admin?from=2026-12-01&to=2026-01-01"]])(
    "%s → 200 with the message, no unhandled rejection",
    async (page) => {
      const res = await fetch(`${s.url}${page}`, { headers: { cookie }, redirect: "manual" });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Showing the last 30 days.");
      // The fault watcher writes synchronously; give a rejection one more turn of the server's event loop.
      await new Promise((r) => setTimeout(r, 300));
      expect(s.faults()).toEqual([]);
    },
  );
});
