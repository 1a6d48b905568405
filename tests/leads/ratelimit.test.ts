import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { hitRateLimit } from "@/lib/ratelimit";
import { clientIp } from "@/lib/ratelimit/client-ip";
import { dbSuite } from "../helpers/db";

describe("hitRateLimit (fixed window on rate_limits)", () => {
  const t = dbSuite();

  it("allows `limit` hits per window, then refuses with the seconds left in the window", async () => {
    const at = new Date("2026-11-25T10:00:05Z");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(t.db, "quote:203.0.113.1", 3, 60, at));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.count)).toEqual([1, 2, 3, 4]);
    expect(results[3].retryAfterSeconds).toBe(55);
    expect(results[0].retryAfterSeconds).toBe(0);
  });

  it("starts counting again in the next window and keeps keys apart", async () => {
    const next = new Date("2026-11-25T10:01:00Z");
    expect((await hitRateLimit(t.db, "quote:203.0.113.1", 3, 60, next)).allowed).toBe(true);
    expect((await hitRateLimit(t.db, "quote:203.0.113.2", 3, 60, new Date("2026-11-25T10:00:06Z"))).count).toBe(1);
  });

  it("counts concurrent hits exactly: 20 at once with a limit of 5 let 5 through", async () => {
    const at = new Date("2026-11-25T11:00:00Z");
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(t.db, "storm", 5, 600, at)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect([...results.map((r) => r.count)].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const [row] = rowsOf<{ count: number }>(await t.db.execute(sql`select count from rate_limits where key = 'storm'`));
    expect(Number(row.count)).toBe(20);
  });
});

describe("clientIp", () => {
  const direct = { hops: 0, socketHeaderTrusted: true };
  const behindOne = { hops: 1, socketHeaderTrusted: true };
  const behindTwo = { hops: 2, socketHeaderTrusted: true };
  it.each([
    // No proxy trusted: the socket address, whatever X-Forwarded-For or X-Real-IP claim.
    [direct, { "x-client-socket-ip": "192.0.2.5", "x-forwarded-for": "198.51.100.7" }, "192.0.2.5"],
    [direct, { "x-client-socket-ip": "::ffff:192.0.2.6", "x-real-ip": "198.51.100.9" }, "192.0.2.6"],
    [direct, { "x-forwarded-for": "198.51.100.7" }, "unknown"],
    // One load balancer: the entry it appended (rightmost), not the ones the client wrote before it.
    [behindOne, { "x-client-socket-ip": "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.7" }, "198.51.100.7"],
    [behindOne, { "x-client-socket-ip": "10.0.0.2", "x-forwarded-for": "::ffff:198.51.100.8" }, "198.51.100.8"],
    [behindOne, { "x-client-socket-ip": "192.0.2.9" }, "192.0.2.9"],
    [
      behindTwo,
      { "x-client-socket-ip": "10.0.0.2", "x-forwarded-for": "1.1.1.1, 198.51.100.7, 10.0.0.3" },
      "198.51.100.7",
    ],
    [behindTwo, { "x-client-socket-ip": "10.0.0.2", "x-forwarded-for": "198.51.100.7" }, "10.0.0.2"],
    // Outside our server (e.g. plain `next start`) the header is anyone's: ignored.
    [{ hops: 0, socketHeaderTrusted: false }, { "x-client-socket-ip": "192.0.2.5" }, "unknown"],
  ])("%o %o → %s", (opts, h, ip) => {
    expect(clientIp(new Headers(h), opts)).toBe(ip);
  });
});
