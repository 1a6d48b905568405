import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { openDb, type DbHandle, type OpenOptions } from "@/db";
import { migrateDb } from "@/db/migrate";
import { lateBound } from "./late";

export interface TestDb extends DbHandle {
  url: string;
  /** Closes the client and drops the database. */
  drop: () => Promise<void>;
}

/** A fresh, migrated database of its own on the real PostgreSQL (a clone of the run's template). */
export async function createTestDb(opts: Omit<OpenOptions, "url" | "dataDir"> = {}): Promise<TestDb> {
  const base = inject("pgBaseUrl");
  const prefix = inject("pgPrefix");
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${prefix}_tpl"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDb({ ...opts, url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** An in-memory PGlite database, migrated: proves the embedded driver runs the same data layer. */
export async function createPgliteDb(): Promise<TestDb> {
  const handle = await openDb({ dataDir: "memory://" });
  await migrateDb(handle);
  return { ...handle, url: "memory://", drop: handle.close };
}

export const DRIVERS = [
  ["postgres", createTestDb],
  ["pglite", createPgliteDb],
] as const;

/**
 * A database for the enclosing suite (or file): made in a `beforeAll`, dropped in an `afterAll`. Hooks
 * registered after this call run after the database exists.
 */
export function dbSuite(create: () => Promise<TestDb> = createTestDb): TestDb {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());
  return lateBound("the test database", () => t);
}
