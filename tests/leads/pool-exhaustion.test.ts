import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/leads/route";
import { rowsOf } from "@/db";
import { leads } from "@/db/schema";
import { call, setupApiTest, type ApiTest, type TestPartner } from "../helpers/http";
import { setEnv } from "../helpers/env";

/**
 * Lead capture while every pooled connection is busy. postgres.js's own `sql.begin` can send BEGIN on a
 * connection it has not reserved when BEGIN is pipelined behind other queries or fills a connection's
 * pipeline (UNSAFE_TRANSACTION, and the connection stays inside an open transaction). A pool of 4 with a
 * pipeline of 2 reaches those limits with tens of requests; the app's pool (10, pipeline 100) with thousands.
 */
let t: ApiTest;
let a: TestPartner;
let key: Record<string, string>;
let n = 0;
const POOL = 4;

beforeAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: "100000" });
  t = await setupApiTest({ max: POOL, pipeline: 2 });
  a = await t.partner();
  key = (await t.apiKey("ADMIN")).headers;
});
afterAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: undefined });
  await t.close();
});

const capture = () =>
  call(POST, "POST /api/v1/leads", {
    headers: key,
    body: {
      firstName: "Pia",
      lastName: "Pool",
      email: `pool${++n}@example.com`,
      ...(n % 3 === 0 ? { phone: `555${String(n).padStart(7, "0")}` } : {}),
      insuranceType: "auto",
      referralCode: a.code,
      consent: { given: true, textVersion: "crm-terms-7" },
    },
  });

describe("lead capture under pool exhaustion", () => {
  it("answers every capture (no 5xx) while all connections are held busy, and leaves no connection in a transaction", async () => {
    let created = 0;
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      // Every pooled connection runs a sleeping statement; captures and plain reads queue behind them.
      const held = Array.from({ length: POOL }, () => t.db.execute(sql`select pg_sleep(0.3)`));
      const work = [
        ...Array.from({ length: 30 }, () => capture()),
        ...Array.from({ length: 20 }, () => t.db.execute(sql`select 1`).then(() => ({ status: 0 }))),
      ];
      const answers = await Promise.all(work);
      await Promise.all(held);
      for (const r of answers) if (r.status) statuses.push(r.status);
      created += answers.filter((r) => r.status === 201).length;
    }
    const failures = statuses.filter((s) => s >= 500);
    expect(failures).toEqual([]);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const [{ n: stored }] = await t.db.select({ n: count() }).from(leads);
    expect(Number(stored)).toBe(created);
    const stuck = rowsOf<{ n: string }>(
      await t.db.execute(
        sql`select count(*) as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
      ),
    );
    expect(Number(stuck[0].n)).toBe(0);
  });
});
