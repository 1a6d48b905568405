import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { POST as token } from "@/app/api/v1/auth/token/route";
import { GET as listReferrals } from "@/app/api/v1/referrals/route";
import { openDb, rowsOf, type DbHandle } from "@/db";
import { migrateDb } from "@/db/migrate";
import { DEMO_ADMIN_EMAIL, DEMO_PARTNER_EMAIL, DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { call } from "../helpers/http";

/**
 * The embedded database's way out and its backups, on one seeded directory (the demo seed takes a while on PGlite):
 * `npm run db:move` (docs/operations.md#from-the-embedded-database-to-postgresql) moves the demo data to an empty
 * PostgreSQL database, which then serves a sign-in and the partner's referrals; `npm run db:backup` / `db:restore`
 * (docs/operations.md#backup-and-restore) bring it back in another directory.
 */
const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rp-move-"));
const dataDir = path.join(dir, "pglite");
const base = inject("pgBaseUrl");
const name = `${inject("pgPrefix")}_move`;
const target = Object.assign(new URL(base), { pathname: `/${name}` }).toString();

const script = (file: string, args: string[], pgliteDir = dataDir) =>
  spawnSync(path.join(root, "node_modules/.bin/tsx"), [`scripts/${file}`, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: "" },
  });
const move = () => script("db-move.ts", ["--to", target]);

const counts = async (db: DbHandle["db"]) =>
  Object.fromEntries(
    await Promise.all(
      ["partners", "users", "leads", "referrals", "rewards", "payouts", "events", "rollup_daily"].map(
        async (t) =>
          [t, Number(rowsOf<{ n: string }>(await db.execute(sql.raw(`select count(*) as n from ${t}`)))[0].n)] as const,
      ),
    ),
  );

describe("the embedded database: db:move to PostgreSQL, db:backup and db:restore", () => {
  let source: Record<string, number>;
  let moved: DbHandle;
  beforeAll(async () => {
    const pg = await openDb({ dataDir, lock: false });
    await migrateDb(pg);
    await seedDemo(pg.db);
    source = await counts(pg.db);
    await pg.close();
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
  }, 400_000);
  afterAll(async () => {
    await moved?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies every table to an empty database, checks counts and invariants", () => {
    const r = move();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/invariants on the target: 0 violations/);
    expect(r.stdout).not.toMatch(/DIFF/);
    expect(r.stdout).toMatch(/done: \d+ tables/);
  }, 400_000);

  it("refuses a target that is not empty", () => {
    const r = move();
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/refused: the target database is not empty/);
  }, 400_000);

  it("keeps ids, timestamps and sequences; the app signs in on the target", async () => {
    moved = await openDb({ url: target });
    expect(await counts(moved.db)).toEqual(source);
    (globalThis as unknown as { __rpDb?: Promise<DbHandle> }).__rpDb = Promise.resolve(moved);
    const signIn = await call(token, "POST /api/v1/auth/token", {
      body: { email: DEMO_PARTNER_EMAIL, password: DEMO_PASSWORD },
    });
    expect(signIn.status).toBe(200);
    const headers = { authorization: `Bearer ${signIn.body.accessToken}` };
    const list = await call(listReferrals, "GET /api/v1/referrals", { headers, query: { pageSize: 5 } });
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBe(5);
    // Ids and timestamps as stored; identity sequences continue after the highest id copied.
    const stamp = sql`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
    const pg = await openDb({ dataDir, lock: false });
    const [last] = rowsOf<{ id: string; at: string }>(
      await pg.db.execute(sql`select id::text, ${stamp} as at from events order by id desc limit 1`),
    );
    await pg.close();
    const [same] = rowsOf<{ at: string }>(
      await moved.db.execute(sql`select ${stamp} as at from events where id = ${last.id}`),
    );
    expect(same.at).toBe(last.at);
    const [seq] = rowsOf<{ next: string; max: string }>(
      await moved.db.execute(
        sql`select nextval(pg_get_serial_sequence('events', 'id'))::text as next, max(id)::text as max from events`,
      ),
    );
    expect(BigInt(seq.next)).toBeGreaterThan(BigInt(seq.max));
  });

  it("backs the directory up, and restores it elsewhere with the demo data", async () => {
    const file = path.join(dir, "backup.tar.gz");
    const backup = script("db-backup.ts", ["--out", file]);
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const elsewhere = path.join(dir, "restored");
    const restore = script("db-restore.ts", ["--from", file], elsewhere);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    const restored = await openDb({ dataDir: elsewhere, lock: false });
    try {
      expect(await counts(restored.db)).toEqual(source);
      const [admin] = rowsOf<{ email: string }>(
        await restored.db.execute(sql`select email from users where role = 'ADMIN'`),
      );
      expect(admin.email).toBe(DEMO_ADMIN_EMAIL);
    } finally {
      await restored.close();
    }
    // A database already there is refused, and with --replace set aside, never deleted.
    const again = script("db-restore.ts", ["--from", file], elsewhere);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds a database: pass --replace/);
    const replace = script("db-restore.ts", ["--from", file, "--replace"], elsewhere);
    expect(replace.status).toBe(0);
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith("restored.replaced-"));
    expect(kept).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, kept[0], "PG_VERSION"))).toBe(true);
  }, 400_000);
});
