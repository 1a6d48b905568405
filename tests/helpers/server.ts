/**
 * The real production server (`npm start`'s scripts/server.mjs over the `next build` output) on a test
 * database, for what only a live server shows: the socket address, pages, server actions, CSP nonces and
 * process-level faults. In-process route tests use tests/helpers/http.ts instead.
 *
 *   let t: ApiTest; let s: LiveServer;
 *   beforeAll(async () => { t = await setupApiTest(); s = await startServer(t); }, 600_000);
 *   afterAll(async () => { await s.stop(); await t.close(); });
 *   const res = await fetch(`${s.url}/login`);
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { ApiTest } from "./http";

// LIVE_SERVER_ROOT points the tests at another checkout (e.g. an older commit, to see a test fail before a fix).
const root = process.env.LIVE_SERVER_ROOT ?? path.resolve(import.meta.dirname, "../..");

export interface LiveServer {
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  /** Lines the server's fault watcher recorded (unhandled rejections, uncaught exceptions). */
  faults: () => string[];
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds when sources changed, one test file at a time (two concurrent `next build`s corrupt `.next`). */
function ensureBuild() {
  const lock = path.join(root, ".next-build.lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("timed out waiting for another build");
      spawnSync("sleep", ["1"]);
    }
  }
  try {
    // Vitest's NODE_ENV=test must not reach `next build`: the build would bake development headers in.
    const r = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], {
      cwd: root,
      encoding: "utf8",
      env: serverEnv({}) as unknown as NodeJS.ProcessEnv,
    });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The child's environment: ours without Vitest's seams (the server must behave as in production). */
function serverEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  const dropped = new Set(["NODE_ENV", "TEST", "TRUST_PROXY_HOPS"]);
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("VITEST") && !dropped.has(k)) env[k] = v;
  return { ...env, ...extra };
}

export async function startServer(t: ApiTest, extraEnv: Record<string, string> = {}): Promise<LiveServer> {
  ensureBuild();
  const port = await freePort();
  const faultLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rp-server-")), "faults.log");
  let out = "";
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: serverEnv({
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: t.handle.url,
      AUTH_SECRET: process.env.AUTH_SECRET!,
      AUTH_TRUST_HOST: "true",
      JOBS: "off",
      SERVER_FAULT_LOG: faultLog,
      ...extraEnv,
    }) as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => out,
    faults: () => (fs.existsSync(faultLog) ? fs.readFileSync(faultLog, "utf8").split("\n").filter(Boolean) : []),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
