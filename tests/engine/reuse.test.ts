import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { atParam, jsonParam, param, reusable } from "@/db/reuse";
import { events, leads } from "@/db/schema";
import { DRIVERS, type TestDb } from "../helpers/db";

/** A statement built once runs on the database and inside transactions, on both drivers. */
const leadByEmail = reusable("test_lead_by_email", (db) =>
  db
    .select()
    .from(leads)
    .where(eq(leads.email, param("email"))),
);
const insertEvent = reusable("test_event_insert", (db) =>
  db
    .insert(events)
    .values({
      actorType: "SYSTEM",
      entityType: "lead",
      entityId: param("entityId"),
      action: "test.reused",
      data: param("data"),
      before: param("before"),
      createdAt: param("at"),
    })
    .returning(),
);

describe.each(DRIVERS)("reusable statements (%s)", (_name, create) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t.drop());

  it("runs on the database and on a transaction's own connection (it sees the transaction's rows)", async () => {
    await t.db
      .insert(leads)
      .values({ firstName: "A", lastName: "B", email: "seen@example.com", insuranceType: "AUTO" });
    expect((await leadByEmail(t.db, { email: "seen@example.com" })).map((l) => l.firstName)).toEqual(["A"]);
    const inside = await t.db
      .transaction(async (tx) => {
        await tx
          .insert(leads)
          .values({ firstName: "C", lastName: "D", email: "uncommitted@example.com", insuranceType: "AUTO" });
        const rows = await leadByEmail(tx, { email: "uncommitted@example.com" });
        tx.rollback();
        return rows;
      })
      .catch((e: unknown) => e);
    // rollback() throws out of the transaction; what it saw before is asserted through the database afterwards.
    expect(inside).toBeInstanceOf(Error);
    expect(await leadByEmail(t.db, { email: "uncommitted@example.com" })).toEqual([]);
    const seen = await t.db.transaction(async (tx) => {
      await tx
        .insert(leads)
        .values({ firstName: "E", lastName: "F", email: "committed@example.com", insuranceType: "AUTO" });
      return leadByEmail(tx, { email: "committed@example.com" });
    });
    expect(seen.map((l) => l.firstName)).toEqual(["E"]);
    expect(seen[0].createdAt).toBeInstanceOf(Date);
  });

  it("passes JSON, SQL NULL and timestamps as the column mapping would", async () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    const [row] = await insertEvent(t.db, {
      entityId: "x",
      data: jsonParam({ a: 1, s: "ü" }),
      before: jsonParam(null),
      at: atParam(at),
    });
    expect(row.data).toEqual({ a: 1, s: "ü" });
    expect(row.before).toBeNull();
    expect(row.createdAt.toISOString()).toBe(at.toISOString());
    const rows = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from events where before is null and action = 'test.reused'`),
    );
    expect(rows[0].n).toBe(1);
  });
});
