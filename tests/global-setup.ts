import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDb } from "../db/index";
import { migrateDb } from "../db/migrate";

/**
 * Creates one migrated template database per run on the real PostgreSQL; each test file clones it
 * (CREATE DATABASE … TEMPLATE) so files are isolated. Everything with this run's prefix is dropped after.
 */
export default async function setup(project: TestProject) {
  const base = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const prefix = `rp_test_${Date.now().toString(36)}_${process.pid}`;
  const template = `${prefix}_tpl`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  const url = new URL(base);
  url.pathname = `/${template}`;
  const handle = await openDb({ url: url.toString(), max: 1 });
  await migrateDb(handle);
  await handle.close();
  project.provide("pgBaseUrl", base);
  project.provide("pgPrefix", prefix);
  return async () => {
    const dbs = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${prefix + "%"}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgBaseUrl: string;
    pgPrefix: string;
  }
}
