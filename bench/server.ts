import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The app in production mode (`node scripts/start.mjs`, building when needed) on a loopback port. */
export interface Server {
  base: string;
  /** Highest resident memory seen, in MB, summed over the server's processes. */
  peakRssMb: () => number;
  /** The server's processes (the start wrapper and everything under it), for CPU time from /proc. */
  pids: () => number[];
  /** Resident memory now (VmRSS from /proc), in MB, of each of the server's processes. */
  rssNowMb: () => { pid: number; mb: number }[];
  stop: () => Promise<void>;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    let children = "";
    try {
      children = fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8");
    } catch {
      continue;
    }
    for (const c of children.trim().split(/\s+/).filter(Boolean).map(Number)) out.push(c, ...descendants(c));
  }
  return out;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export async function startServer(
  root: string,
  port: number,
  databaseUrl: string,
  logFile: string,
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  const base = `http://127.0.0.1:${port}`;
  const out = fs.openSync(logFile, "w");
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JOBS: "off",
      SEED_DEMO: "0",
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      AUTH_URL: base,
      RATE_LIMIT_QUOTE: "100000000",
      RATE_LIMIT_LOGIN: "100000000",
      RATE_LIMIT_LOGIN_IP: "100000000",
      RATE_LIMIT_CODE: "100000000",
      RATE_LIMIT_API: "100000000",
      API_CREDENTIAL_RATE_LIMIT: "1000000000",
      ...extraEnv,
    },
  });
  let exited = false;
  child.on("exit", () => (exited = true));
  let peak = 0;
  const poll = setInterval(() => {
    // The server runs in the start wrapper's own process (scripts/start.mjs imports scripts/server.mjs).
    const total = [child.pid!, ...descendants(child.pid!)].reduce((s, p) => s + rssMb(p), 0);
    peak = Math.max(peak, total);
  }, 200);
  const stop = async () => {
    clearInterval(poll);
    if (exited) return;
    const tree = descendants(child.pid!);
    child.kill("SIGTERM");
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const p of [child.pid!, ...tree]) {
      try {
        process.kill(p, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };
  // First start may build the app (a few minutes on a busy machine).
  const deadline = Date.now() + 8 * 60_000;
  for (;;) {
    if (exited) throw new Error(`the server exited during start-up; see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/health in time; see ${logFile}`);
    }
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  // A first start builds the app in a child process: memory counts from the ready server on.
  peak = 0;
  const pids = () => [child.pid!, ...descendants(child.pid!)];
  const rssNowMb = () => pids().map((pid) => ({ pid, mb: Math.round(rssMb(pid) * 10) / 10 }));
  return { base, peakRssMb: () => Math.round(peak), pids, rssNowMb, stop };
}
