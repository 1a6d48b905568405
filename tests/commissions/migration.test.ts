import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The data step of the commission-plan migration, run on a database that already has partners. */
const dir = path.join(process.cwd(), "drizzle");
const journal = JSON.parse(fs.readFileSync(path.join(dir, "meta/_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};
const tags = journal.entries.map((e) => e.tag);
const first = tags.findIndex((t) => t.endsWith("_commission_plans"));

/** One migration in one transaction, as drizzle's migrator runs them (a migration may take table locks). */
async function apply(db: PGlite, tag: string) {
  const text = fs.readFileSync(path.join(dir, `${tag}.sql`), "utf8");
  await db.transaction(async (tx) => {
    for (const stmt of text.split("--> statement-breakpoint")) if (stmt.trim()) await tx.exec(stmt);
  });
}

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  for (const tag of tags.slice(0, first)) await apply(db, tag);
  await db.exec(`insert into settings (id, default_commission_rate_bps, default_currency) values (1, 1200, 'USD')`);
  await db.exec(`
    insert into partners (first_name, last_name, email, commission_rate_bps) values
      ('At', 'Default', 'a@x.test', 1200), ('Own', 'Rate', 'b@x.test', 1500), ('Zero', 'Rate', 'c@x.test', 0)`);
  for (const tag of tags.slice(first)) await apply(db, tag);
});
afterAll(() => db.close());

describe("the commission-plan migration", () => {
  it("creates the default plan from the program's default rate", async () => {
    const { rows } = await db.query<{ name: string; is_default: boolean; document: { rules: unknown[] } }>(
      `select p.name, p.is_default, v.document from commission_plans p join commission_plan_versions v on v.plan_id = p.id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].is_default).toBe(true);
    expect(rows[0].document.rules).toEqual([
      { id: "default", name: "Every conversion", event: "CONVERSION", rateBps: 1200 },
    ]);
  });

  it("keeps a rate as an override only where it differs from the default, so amounts stay the same", async () => {
    const { rows } = await db.query<{
      email: string;
      commission_rate_bps: number | null;
      commission_plan_id: string | null;
    }>(`select email, commission_rate_bps, commission_plan_id from partners order by email`);
    expect(rows).toEqual([
      { email: "a@x.test", commission_rate_bps: null, commission_plan_id: null },
      { email: "b@x.test", commission_rate_bps: 1500, commission_plan_id: null },
      { email: "c@x.test", commission_rate_bps: 0, commission_plan_id: null },
    ]);
  });
});
