import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/leads/[id]/route";
import { POST } from "@/app/api/v1/leads/route";
import { rowsOf } from "@/db";
import { call, setupApiTest, type ApiTest, type TestPartner } from "../helpers/http";
import { setEnv } from "../helpers/env";

/**
 * The capture and conversion paths must stay index lookups on a PostgreSQL whose tables were never analyzed
 * (autovacuum off, no ANALYZE): 50,000 leads and referrals from the last two days are inserted in bulk, every
 * statement the paths send is recorded, and each is explained. A read is run (EXPLAIN ANALYZE, rolled back) and
 * may touch only a few pages; no statement may scan a whole table. Without statistics the planner chose
 * leads_created_at_idx for "e-mail or phone in the last 24 hours" and walked back over every recent lead.
 */
const BULK = 50_000;
/** An index lookup touches a handful of pages; walking a day of 50,000 rows touches hundreds. */
const MAX_PAGES_PER_READ = 40;
/**
 * Configuration tables, a few rows by nature: the one settings row, the program's commission plans. A sequential
 * scan of them is a page or two; every table that grows with traffic must be reached through an index.
 */
const ONE_ROW_TABLES = new Set(["settings", "commission_plans"]);

let t: ApiTest;
let a: TestPartner;
let b: TestPartner;
let adminKey: Record<string, string>;
let partnerKey: Record<string, string>;
let recording = false;
const sent: { text: string; params: unknown[] }[] = [];

beforeAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: "100000" });
  t = await setupApiTest({ onQuery: (text, params) => recording && sent.push({ text, params }) });
  a = await t.partner();
  b = await t.partner();
  adminKey = (await t.apiKey("ADMIN")).headers;
  partnerKey = (await t.apiKey("PARTNER", a.partner.id)).headers;
  const tables = rowsOf<{ tablename: string }>(
    await t.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`),
  );
  for (const { tablename } of tables)
    await t.db.execute(sql.raw(`alter table "${tablename}" set (autovacuum_enabled = false)`));
  await t.db.execute(sql`
    insert into leads (first_name, last_name, email, phone, insurance_type, status, created_at, updated_at)
    select 'Bulk', 'Lead' || i, 'bulk' || i || '@example.com',
           case when i % 2 = 0 then '555' || lpad(i::text, 7, '0') end,
           'AUTO', 'NEW', now() - (i % 2880) * interval '1 minute', now()
    from generate_series(1, ${BULK}) as i`);
  // Lead i: partner A's referral when i is even, B's when odd; status PENDING, ACCEPTED, CONVERTED, REJECTED by i % 4.
  await t.db.execute(sql`
    insert into referrals (partner_id, referral_code, lead_id, status, currency, expires_at, created_at, updated_at)
    select case when i % 2 = 0 then ${a.partner.id}::uuid else ${b.partner.id}::uuid end,
           case when i % 2 = 0 then ${a.code} else ${b.code} end,
           id, (array['PENDING','ACCEPTED','CONVERTED','REJECTED'])[1 + i % 4]::referral_status,
           'USD', now() + interval '90 days', created_at, now()
    from (select l.*, substr(l.last_name, 5)::int as i from leads l where l.first_name = 'Bulk') as l`);
}, 180_000);

afterAll(async () => {
  setEnv({ RATE_LIMIT_QUOTE: undefined });
  await t.close();
});

const lead = (extra: Record<string, unknown>) => ({
  firstName: "Nora",
  lastName: "Nostats",
  insuranceType: "home",
  consent: { given: true, textVersion: "crm-terms-7" },
  ...extra,
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}
const nodes = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodes)];

describe("capture and conversion plans without table statistics", () => {
  it("no table was analyzed", async () => {
    const stats = rowsOf<{ n: string }>(
      await t.db.execute(sql`select count(*) as n from pg_stats where tablename in ('leads', 'referrals')`),
    );
    expect(Number(stats[0].n)).toBe(0);
  });

  it("every statement of capture (new, merged, owned by another partner, by a partner key) and conversion is an index lookup", async () => {
    recording = true;
    const fresh = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: lead({ email: "nora@example.com", phone: "(555) 900-0001", referralCode: a.code }),
    });
    expect(fresh.status).toBe(201);
    const merged = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: lead({ email: "nora@example.com", referralCode: a.code }),
    });
    expect(merged.status).toBe(200);
    expect(merged.body.merged).toBe(true);
    // Lead 2000 (33 hours old: past the merge window, within the ownership window) holds partner A's PENDING
    // referral, so a new lead with its phone gets partner B's referral rejected.
    const owned = await call(POST, "POST /api/v1/leads", {
      headers: adminKey,
      body: lead({ email: "olga@example.com", phone: "5550002000", referralCode: b.code }),
    });
    expect(owned.status).toBe(201);
    expect(owned.body.referral.rejectionReason).toBe("DUPLICATE_LEAD");
    const byPartner = await call(POST, "POST /api/v1/leads", {
      headers: partnerKey,
      body: lead({ phone: "5559000002", referralCode: a.code }),
    });
    expect(byPartner.status).toBe(201);
    const converted = await call(PATCH, "PATCH /api/v1/leads/[id]", {
      headers: adminKey,
      params: { id: fresh.body.id },
      body: { status: "CONVERTED", conversionValue: "1200.00" },
    });
    expect(converted.status).toBe(200);
    recording = false;

    const statements = [...new Map(sent.map((s) => [s.text, s])).values()].filter(
      (s) =>
        !/^\s*(begin|commit|rollback|savepoint|release|set)\b/i.test(s.text) && !/pg_advisory_xact_lock/.test(s.text),
    );
    expect(statements.length).toBeGreaterThan(10);

    const raw = postgres(t.handle.url, { max: 1, onnotice: () => {} });
    const problems: string[] = [];
    try {
      for (const s of statements) {
        const isRead = /^\s*select\b/i.test(s.text);
        const plan = await raw
          .begin(async (tx) => {
            const [row] = await tx.unsafe(
              `explain (${isRead ? "analyze, buffers, " : ""}format json) ${s.text}`,
              s.params as never[],
            );
            throw { plan: (row["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan };
          })
          .catch((x: { plan?: PlanNode }) => {
            if (!x.plan) throw x;
            return x.plan;
          });
        const all = nodes(plan);
        const seq = all.filter((n) => n["Node Type"] === "Seq Scan" && !ONE_ROW_TABLES.has(n["Relation Name"] ?? ""));
        if (seq.length) problems.push(`seq scan on ${seq.map((n) => n["Relation Name"]).join(", ")}: ${s.text}`);
        if (isRead) {
          const pages = all.reduce((sum, n) => sum + (n["Shared Hit Blocks"] ?? 0) + (n["Shared Read Blocks"] ?? 0), 0);
          // Buffer counts of a parent include its children's: the root's figure is the statement's.
          const rootPages = (plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0);
          if (rootPages > MAX_PAGES_PER_READ)
            problems.push(
              `${rootPages} pages (${pages} summed over nodes) via ${all.map((n) => n["Index Name"] ?? n["Node Type"]).join(" > ")}: ${s.text}`,
            );
        }
      }
    } finally {
      await raw.end();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
