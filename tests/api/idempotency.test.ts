import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as createKey } from "@/app/api/v1/api-keys/route";
import { apiKeys, idempotencyKeys } from "@/db/schema";
import { call, apiSuite, type TestUser } from "../helpers/http";

describe("Idempotency-Key on POST", () => {
  const { t, admin } = apiSuite({ admin: true });
  const post = (key: string | null, body: unknown, who: TestUser = admin) =>
    call(createKey, "POST /api/v1/api-keys", {
      body,
      headers: { ...who.headers, ...(key ? { "idempotency-key": key } : {}) },
    });
  const keysNamed = (name: string) => t.db.select().from(apiKeys).where(eq(apiKeys.name, name));

  it("replays the first response for the same key and body, writing once", async () => {
    const first = await post("k-1", { name: "idem one", role: "ADMIN" });
    expect(first.status).toBe(201);
    const again = await post("k-1", { role: "ADMIN", name: "idem one" }); // same body, other key order
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await keysNamed("idem one")).toHaveLength(1);
  });

  it("refuses the same key with another body (422) and keeps keys per caller", async () => {
    await post("k-2", { name: "idem two", role: "ADMIN" });
    const other = await post("k-2", { name: "idem two (changed)", role: "ADMIN" });
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    const admin2 = await t.admin();
    expect((await post("k-2", { name: "idem two", role: "ADMIN" }, admin2)).status).toBe(201);
    expect(await keysNamed("idem two")).toHaveLength(2);
    expect(await keysNamed("idem two (changed)")).toHaveLength(0);
  });

  it("concurrent requests with one key create one row; the others see 409 in flight or the replay", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => post("k-storm", { name: "idem storm", role: "ADMIN" })),
    );
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(","),
    ).toBe(true);
    expect(results.filter((r) => r.status === 201 && !r.headers.get("idempotent-replayed"))).toHaveLength(1);
    expect(await keysNamed("idem storm")).toHaveLength(1);
  });

  it("stores refusals from the handler, not input errors; bad keys are 400; expired keys start over", async () => {
    const refused = await post("k-3", { name: "idem three", role: "PARTNER" });
    expect(refused.status).toBe(400);
    const replay = await post("k-3", { name: "idem three", role: "PARTNER" });
    expect(replay.status).toBe(400);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    expect((await post("k-4", { name: "idem four", role: "ADMIN", extra: true })).status).toBe(400);
    expect((await post("k-4", { name: "idem four", role: "ADMIN" })).status).toBe(201);

    expect((await post("x".repeat(256), { name: "idem five", role: "ADMIN" })).status).toBe(400);
    expect((await post("bad key with spaces", { name: "idem five", role: "ADMIN" })).status).toBe(400);

    await t.db
      .update(idempotencyKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(idempotencyKeys.key, "k-1"));
    const fresh = await post("k-1", { name: "idem one", role: "ADMIN" });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(await keysNamed("idem one")).toHaveLength(2);
    const stored = await t.db.select().from(idempotencyKeys).where(like(idempotencyKeys.key, "k-%"));
    expect(stored.every((r) => r.expiresAt.getTime() > Date.now() + 23 * 3600_000)).toBe(true);
  });
});
