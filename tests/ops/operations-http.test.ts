import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiLeadBody } from "../helpers/api-fixtures";
import { setupApiTest, type ApiTest } from "../helpers/http";
import { startServer, type LiveServer } from "../helpers/server";

/**
 * Operations over HTTP against the production server: liveness and readiness, /metrics behind its token, and
 * JSON log lines (request id, route, status, latency, actor) without e-mail addresses or phone numbers.
 */
const TOKEN = "metrics-test-token-0123456789";
let t: ApiTest;
let s: LiveServer;
let adminKey: string;

beforeAll(async () => {
  t = await setupApiTest();
  adminKey = (await t.apiKey("ADMIN")).key;
  s = await startServer(t, { METRICS_TOKEN: TOKEN, LOG_LEVEL: "info", JOBS: "on" });
}, 600_000);
afterAll(async () => {
  await s?.stop();
  await t?.close();
});

describe("health, readiness, metrics and logs", () => {
  it("answers liveness and readiness apart; readiness names its checks", async () => {
    const health = await fetch(`${s.url}/api/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${s.url}/api/ready`);
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, string> };
    expect(ready.status).toBe(200);
    expect(body).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", jobs: "ok" } });
  });

  it("serves /metrics only with the token", async () => {
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    // A lead first, so the counters and the latency histogram have something to show.
    const lead = await fetch(`${s.url}/api/v1/leads`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": adminKey },
      body: JSON.stringify(apiLeadBody({ email: "mia.metrics@example.com", phone: "(555) 222-3344" })),
    });
    expect(lead.status).toBe(201);
    const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    for (const name of [
      "http_request_duration_seconds_bucket",
      "leads_captured_total",
      "conversions_total",
      "rewards",
      "job_runs_total",
      "outbox_lag_seconds",
      "webhook_deliveries_total",
      "db_pool_in_use",
      "db_pool_max",
    ])
      expect(text, name).toMatch(new RegExp(`^(# TYPE )?${name}[ {]`, "m"));
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/leads",status="201"\} [1-9]/,
    );
    expect(Number(/^leads_captured_total (\d+)/m.exec(text)?.[1])).toBeGreaterThan(0);
  });

  it("logs one JSON line per API request, masked, with the request id, route, status, latency and actor", async () => {
    const id = `req-${Date.now()}`;
    const res = await fetch(`${s.url}/api/v1/leads`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": adminKey, "x-request-id": id },
      body: JSON.stringify(apiLeadBody({ email: "lou.logs@example.com", phone: "555 987 6543" })),
    });
    expect(res.status).toBe(201);
    let line: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !line; i++) {
      await new Promise((r) => setTimeout(r, 100));
      line = s
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.requestId === id);
    }
    expect(line).toMatchObject({
      level: "info",
      requestId: id,
      method: "POST",
      route: "/api/v1/leads",
      status: 201,
      actorType: "API_KEY",
    });
    expect(typeof line!.ms).toBe("number");
    expect(typeof line!.actorId).toBe("string");
    const all = s.output();
    expect(all).not.toContain("lou.logs@example.com");
    expect(all).not.toContain("mia.metrics@example.com");
    expect(all).not.toMatch(/5559876543|555 987 6543|5552223344/);
  });
});
