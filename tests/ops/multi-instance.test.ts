import { spawnSync } from "node:child_process";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createLead } from "@/app/api/v1/leads/route";
import { POST as createPartner } from "@/app/api/v1/partners/route";
import { POST as linkToLead } from "@/app/api/v1/referrals/[id]/link-to-lead/route";
import { POST as createReferral } from "@/app/api/v1/referrals/route";
import { rowsOf } from "@/db";
import { inboundWebhooks, leads, payoutItems, rewards, webhookDeliveries } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { rotateInboundSecret } from "@/lib/webhooks/inbound-secret";
import { setEnv } from "../helpers/env";
import { call, setupApiTest, type ApiTest } from "../helpers/http";
import { startServer, type LiveServer } from "../helpers/server";
import { signedRequest } from "../webhooks/sign";
import { startReceiver } from "../webhooks/receiver";

/**
 * Two server instances on one PostgreSQL database (docs/operations.md#several-instances), each with its own pool of
 * 10 connections and its own job scheduler, given the same work at the same time: conversions of the same referrals,
 * payments of the same rewards, bulk approvals and payout batches over the same rewards, inbound webhooks with the
 * same webhook-id, and both schedulers ticking. Every effect happens once, and check:invariants finds nothing.
 */
const root = path.resolve(import.meta.dirname, "../..");
let t: ApiTest;
let a: LiveServer;
let b: LiveServer;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let headers: Record<string, string>;
let partner: { id: string; code: string };
let secret: string;

const post = (s: LiveServer, route: string, body: unknown, extra: Record<string, string> = {}) =>
  fetch(`${s.url}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers, ...extra },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> }));

/** Referrals with a lead, ready to convert (made in-process on the same database). */
async function acceptedReferrals(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await call(createReferral, "POST /api/v1/referrals", {
      headers,
      body: { partnerId: partner.id, referralCode: partner.code, source: "website" },
    });
    const lead = await call(createLead, "POST /api/v1/leads", {
      headers,
      body: {
        firstName: "Multi",
        lastName: `Instance${i}`,
        email: `multi.instance.${i}.${Date.now()}@example.net`,
        insuranceType: "AUTO",
        consent: { given: true, textVersion: "2026-11" },
      },
    });
    const linked = await call(linkToLead, "POST /api/v1/referrals/[id]/link-to-lead", {
      params: { id: r.body.id },
      headers,
      body: { leadId: lead.body.id },
    });
    expect(linked.status).toBe(200);
    ids.push(r.body.id);
  }
  return ids;
}

const statuses = (answers: { status: number }[]) => answers.map((x) => x.status);

beforeAll(async () => {
  setEnv({ WEBHOOKS_ALLOW_PRIVATE: "1" });
  t = await setupApiTest();
  headers = (await t.admin()).headers;
  // Through the API, so the partner's status has its event like any other (check:invariants looks).
  const p = await call(createPartner, "POST /api/v1/partners", {
    headers,
    body: { firstName: "Multi", lastName: "Instance", email: "multi.instance@example.com", commissionRateBps: 1000 },
  });
  expect(p.status).toBe(201);
  partner = { id: p.body.id, code: p.body.referralCode };
  rx = await startReceiver();
  await createEndpoint(t.db, { url: rx.url }, systemActor("test"));
  // Before the servers start: another process hears a settings change only when its notification arrives.
  secret = await rotateInboundSecret(t.db, systemActor("test"));
  const env = { JOBS: "on", WEBHOOKS_ALLOW_PRIVATE: "1" };
  [a, b] = await Promise.all([startServer(t, env), startServer(t, env)]);
}, 900_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await rx?.close();
  await t?.close();
});

describe("two instances on one database", () => {
  let converted: string[] = [];
  let paidRewards: string[] = [];
  let batchRewards: string[] = [];

  it("converts each referral once when both instances convert it at the same time", async () => {
    converted = await acceptedReferrals(8);
    const answers = await Promise.all(
      converted.flatMap((id) =>
        [a, b].map((s) => post(s, `/api/v1/referrals/${id}/process-conversion`, { conversionValue: 1000 })),
      ),
    );
    expect(statuses(answers).filter((s) => s >= 500)).toEqual([]);
    expect(statuses(answers).filter((s) => s === 201)).toHaveLength(converted.length);
    const made = await t.db.select().from(rewards).where(inArray(rewards.referralId, converted));
    expect(made).toHaveLength(converted.length);
    expect(new Set(made.map((r) => r.referralId)).size).toBe(converted.length);
    const byReferral = new Map(made.map((r) => [r.referralId, r.id]));
    paidRewards = converted.slice(0, 4).map((id) => byReferral.get(id)!);
    batchRewards = converted.slice(4).map((id) => byReferral.get(id)!);
  });

  it("pays each reward once when both instances pay it", async () => {
    const answers = await Promise.all(
      paidRewards.flatMap((id) =>
        [a, b].map((s) =>
          post(s, `/api/v1/rewards/${id}/process-payment`, {
            paymentMethod: "BANK_TRANSFER",
            transactionId: `T-${id}`,
          }),
        ),
      ),
    );
    expect(statuses(answers).filter((s) => s >= 500)).toEqual([]);
    expect(statuses(answers).filter((s) => s === 201)).toHaveLength(paidRewards.length);
    const rows = await t.db.select().from(payoutItems).where(inArray(payoutItems.rewardId, paidRewards));
    expect(rows.map((r) => r.rewardId).sort()).toEqual([...paidRewards].sort());
  });

  it("approves in bulk and batches the same rewards on both instances: each reward in one payout", async () => {
    const approve = (s: LiveServer) => post(s, "/api/v1/rewards/bulk-approve", { rewardIds: batchRewards });
    const batch = (s: LiveServer) => post(s, "/api/v1/payouts", { minimumCents: 0 });
    const first = await Promise.all([approve(a), approve(b), batch(a), batch(b)]);
    const second = await Promise.all([batch(a), batch(b)]);
    expect(statuses([...first, ...second]).filter((s) => s >= 500)).toEqual([]);
    const approved = await t.db.select().from(rewards).where(inArray(rewards.id, batchRewards));
    expect(approved.map((r) => r.status)).toEqual(batchRewards.map(() => "APPROVED"));
    const rows = await t.db.select().from(payoutItems).where(inArray(payoutItems.rewardId, batchRewards));
    expect(rows.map((r) => r.rewardId).sort()).toEqual([...batchRewards].sort());
  });

  it("takes an inbound webhook once, whichever instance it reaches and however often", async () => {
    const sends = [1, 2, 3].flatMap((n) => {
      const payload = {
        type: "lead.created",
        timestamp: new Date().toISOString(),
        data: {
          firstName: "Hook",
          lastName: `Twice${n}`,
          email: `hook.twice.${n}@example.com`,
          insuranceType: "home",
          externalId: `multi-${n}`,
          referralCode: partner.code,
          consent: { given: true, textVersion: "crm-2026-01" },
        },
      };
      const signed = signedRequest(secret, payload, { id: `msg_multi_${n}` });
      const h = Object.fromEntries(signed.headers);
      return [a, b, a, b].map((s) =>
        fetch(`${s.url}/api/v1/webhooks/leads`, { method: "POST", headers: h, body: signed.body }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { duplicate: boolean; webhookId: string },
        })),
      );
    });
    const answers = await Promise.all(sends);
    expect(statuses(answers).filter((s) => s !== 200)).toEqual([]);
    expect(
      answers
        .filter((x) => !x.body.duplicate)
        .map((x) => x.body.webhookId)
        .sort(),
    ).toEqual(["msg_multi_1", "msg_multi_2", "msg_multi_3"]);
    const stored = await t.db
      .select()
      .from(inboundWebhooks)
      .where(inArray(inboundWebhooks.webhookId, ["msg_multi_1", "msg_multi_2", "msg_multi_3"]));
    expect(stored).toHaveLength(3);
    for (const n of [1, 2, 3])
      expect(
        await t.db
          .select()
          .from(leads)
          .where(eq(leads.externalId, `multi-${n}`)),
      ).toHaveLength(1);
  });

  it("runs each job tick in one instance: no overlapping runs, every webhook delivered once", async () => {
    // Both schedulers dispatch and deliver; wait until every outbox event has been delivered.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [left] = rowsOf<{ n: string }>(
        await t.db.execute(sql`select (select count(*) from outbox where processed_at is null and topic = 'webhook')
          + (select count(*) from webhook_deliveries where status = 'PENDING') as n`),
      );
      if (Number(left.n) === 0) break;
      if (Date.now() > deadline) throw new Error(`${left.n} events still undelivered`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const deliveries = await t.db.select().from(webhookDeliveries);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => d.status !== "SUCCEEDED")).toEqual([]);
    const ids = rx.received.map((r) => r.headers["webhook-id"]);
    expect(ids.length).toBe(deliveries.length);
    expect(new Set(ids).size).toBe(ids.length);
    const overlapping = rowsOf<{ job: string }>(
      await t.db.execute(sql`select x.job from job_runs x join job_runs y
        on x.job = y.job and x.id < y.id
        and x.started_at < coalesce(y.finished_at, now()) and y.started_at < coalesce(x.finished_at, now())`),
    );
    expect(overlapping).toEqual([]);
    const [{ workers }] = rowsOf<{ workers: number }>(
      await t.db.execute(sql`select count(distinct worker)::int as workers from job_runs`),
    );
    expect(workers).toBeGreaterThanOrEqual(1);
    expect([...a.faults(), ...b.faults()]).toEqual([]);
  }, 120_000);

  it("leaves no invariant violated (npm run check:invariants)", () => {
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/check-invariants.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: t.handle.url },
    });
    expect(r.stdout).toMatch(/^0 violations$/m);
    expect(r.status).toBe(0);
  }, 60_000);
});
