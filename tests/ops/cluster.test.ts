import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApiTest, type ApiTest } from "../helpers/http";
import { startServer, type LiveServer } from "../helpers/server";

/**
 * `WEB_CONCURRENCY=2 npm start` (docs/operations.md#several-processes): two server processes on one port and one
 * PostgreSQL database, the jobs in exactly one of them; refused on the embedded database.
 */
const TOKEN = "cluster-test-token-0123456789";
const root = path.resolve(import.meta.dirname, "../..");

/** GET on a new connection each time (keep-alive would stay with one worker). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describe("several server processes", () => {
  let t: ApiTest;
  let s: LiveServer;
  beforeAll(async () => {
    t = await setupApiTest();
    s = await startServer(t, { WEB_CONCURRENCY: "2", METRICS_TOKEN: TOKEN, JOBS: "on" });
  }, 600_000);
  afterAll(async () => {
    await s?.stop();
    await t?.close();
  });

  it("answers from two processes, and runs the job scheduler in one", async () => {
    const seen = new Map<string, { worker: string; jobs: number }>();
    const deadline = Date.now() + 120_000;
    while (seen.size < 2 || [...seen.values()].some((p) => p.worker === "0" && p.jobs === 0)) {
      if (Date.now() > deadline) throw new Error(`saw ${JSON.stringify([...seen])}\n${s.output()}`);
      const res = await get(`${s.url}/metrics`, { authorization: `Bearer ${TOKEN}` });
      if (res.status === 200) {
        const [, pid, worker] = /server_process\{pid="(\d+)",worker="(\d+)"\} 1/.exec(res.body) ?? [];
        const jobs = Number(/^jobs_scheduler_running (\d)$/m.exec(res.body)?.[1]);
        seen.set(pid, { worker, jobs });
      } else await new Promise((r) => setTimeout(r, 250));
    }
    expect(seen.size).toBe(2);
    expect([...seen.values()].map((p) => p.worker).sort()).toEqual(["0", "1"]);
    expect([...seen.values()].reduce((a, p) => a + p.jobs, 0)).toBe(1);
    const ready = await get(`${s.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(s.faults()).toEqual([]);
  }, 180_000);
});

describe("several server processes on the embedded database", () => {
  it("are refused with a clear message", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rp-cluster-"));
    const r = spawnSync(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AUTH_SECRET: "cluster-test-secret-0123456789abcdef",
        WEB_CONCURRENCY: "2",
        PGLITE_DIR: path.join(dir, "db"),
      } as unknown as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/WEB_CONCURRENCY=2 needs PostgreSQL \(DATABASE_URL\)/);
    expect(fs.existsSync(path.join(dir, "db"))).toBe(false);
  }, 60_000);
});
