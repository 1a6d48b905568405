import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db";
import { settings } from "@/db/schema";
import { feedOf } from "@/db/settings-feed";
import { systemActor } from "@/lib/audit/actor";
import { getSettings } from "@/lib/settings";
import { updateSettings } from "@/lib/settings/update";
import { createPgliteDb, createTestDb, type TestDb } from "../helpers/db";

/**
 * The settings cache (docs/performance.md#settings-cache): read once, dropped by every change, whoever
 * makes it. On PostgreSQL a second handle on the same database stands in for another instance.
 */
const until = async (check: () => Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Reads once so the feed starts listening, then waits until it hears. */
async function warm(db: DbHandle["db"]) {
  await getSettings(db);
  await until(async () => feedOf(db)!.live());
  await getSettings(db);
}

describe.each([
  ["postgres", createTestDb],
  ["pglite", createPgliteDb],
] as const)("settings cache on %s", (_name, create) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await create();
  }, 300_000);
  afterAll(() => t?.drop());

  it("sees a direct update by this process on the next read", async () => {
    await warm(t.db);
    await t.db.update(settings).set({ holdDays: 11 });
    expect((await getSettings(t.db)).holdDays).toBe(11);
    await t.db.update(settings).set({ holdDays: 12 }).where(eq(settings.id, 1));
    expect((await getSettings(t.db)).holdDays).toBe(12);
  });

  it("sees a committed change from a transaction, and none from one rolled back", async () => {
    await warm(t.db);
    const { settings: row } = await updateSettings(t.db, systemActor("test"), { holdDays: 13 });
    expect(row.holdDays).toBe(13);
    expect((await getSettings(t.db)).holdDays).toBe(13);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.update(settings).set({ holdDays: 99 });
        // Inside the transaction its own write is seen.
        expect((await getSettings(tx)).holdDays).toBe(99);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await getSettings(t.db)).holdDays).toBe(13);
    await t.db.execute(sql`update settings set hold_days = 14`);
    expect((await getSettings(t.db)).holdDays).toBe(14);
  });
});

describe("settings cache on PostgreSQL, two processes", () => {
  let a: TestDb;
  let b: DbHandle;
  const seen: string[] = [];
  beforeAll(async () => {
    a = await createTestDb({ onQuery: (text) => seen.push(text) });
    b = await openDb({ url: a.url });
  });
  afterAll(async () => {
    await b?.close();
    await a?.drop();
  });

  it("reads the row once, not per request", async () => {
    await warm(a.db);
    seen.length = 0;
    for (let i = 0; i < 20; i++) await getSettings(a.db);
    expect(seen.filter((s) => s.includes('"settings"'))).toEqual([]);
  });

  it("drops the copy when another process changes the settings (LISTEN/NOTIFY)", async () => {
    await warm(a.db);
    await warm(b.db);
    await updateSettings(b.db, systemActor("test"), { businessName: "Changed Elsewhere" });
    // b made the change and sees it at once; a hears the notification.
    expect((await getSettings(b.db)).businessName).toBe("Changed Elsewhere");
    await until(async () => (await getSettings(a.db)).businessName === "Changed Elsewhere");
    seen.length = 0;
    await getSettings(a.db);
    expect(seen.filter((s) => s.includes('"settings"'))).toEqual([]);
  });
});
