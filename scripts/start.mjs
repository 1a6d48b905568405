#!/usr/bin/env node
// `npm start`: builds when needed, then serves the app in production mode on PORT (default 3000) through
// scripts/server.mjs (Node's HTTP server with Next's request handler, so the app knows the socket address).
// Without DATABASE_URL the embedded PGlite under .data/ is used, migrated and seeded on first start.
// WEB_CONCURRENCY=N (PostgreSQL only) runs N server processes on the one port (Node's cluster module); the
// background jobs run in the first of them (docs/operations.md#several-processes).
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const bin = (name) => path.join(root, "node_modules", ".bin", name);

function loadSecret() {
  if (process.env.AUTH_SECRET) return;
  // Generated once and kept under .data/ (gitignored): sessions survive restarts, nothing is committed.
  const file = path.join(root, ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    if (process.env.DATABASE_URL)
      console.warn(
        "[start] AUTH_SECRET is not set: generated one in .data/auth-secret. Set it explicitly in production.",
      );
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

/** A build is current when .next/BUILD_ID is newer than every source file. */
function needsBuild() {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  const dirs = ["app", "components", "lib", "db", "drizzle"];
  const files = ["next.config.ts", "package-lock.json", "instrumentation.ts", "proxy.ts", "auth.ts", "auth.config.ts"];
  const newer = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return false;
    if (st.isDirectory()) return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
    return st.mtimeMs > built;
  };
  return [...dirs, ...files].some((p) => newer(path.join(root, p)));
}

/**
 * Stops before building when a variable is bad, with lib/env.ts's message naming it. tsx (a dev
 * dependency) runs the check in a child process; without it the server's own check at start-up still applies.
 */
function checkEnv() {
  const tsx = bin("tsx");
  if (!fs.existsSync(tsx)) return;
  const r = spawnSync(tsx, [path.join(root, "scripts", "check-env.ts")], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = Number(process.env.PORT?.trim() || "3000");

// A cluster worker: the primary below checked, built and set the environment.
if (cluster.isWorker) {
  const { serve } = await import("./server.mjs");
  await serve({ root, port });
} else {
  loadSecret();
  process.env.AUTH_TRUST_HOST ??= "true";
  checkEnv();
  const workers = Number(process.env.WEB_CONCURRENCY?.trim() || "1");
  if (workers > 1 && !process.env.DATABASE_URL) {
    console.error(
      `[start] WEB_CONCURRENCY=${workers} needs PostgreSQL (DATABASE_URL): the embedded database (PGlite) serves ` +
        "one process only. Unset WEB_CONCURRENCY, or move to PostgreSQL first (npm run db:move, docs/operations.md).",
    );
    process.exit(2);
  }

  if (needsBuild()) {
    console.log("[start] building the app (first start or changed sources)...");
    const r = spawnSync(bin("next"), ["build"], { stdio: "inherit", env: process.env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }

  // `--build-only`: build when needed and stop (the test runner builds before Playwright starts the server).
  if (process.argv.includes("--build-only")) process.exit(0);

  const where = process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite in .data/";
  if (workers > 1) {
    console.log(`[start] serving on http://localhost:${port} with ${workers} processes (${where})`);
    runCluster(workers);
  } else {
    console.log(`[start] serving on http://localhost:${port} (${where})`);
    const { serve } = await import("./server.mjs");
    await serve({ root, port });
  }
}

/**
 * The primary forks the workers and stays out of the requests (Linux hands connections to workers in turn). Worker 0
 * runs the background jobs unless JOBS=off; the others run none, so the jobs run in exactly one process. A worker
 * that dies is forked again under its number (so the jobs come back); SIGINT/SIGTERM stop every worker, then the primary.
 */
function runCluster(count) {
  const numberOf = new Map();
  let stopping = false;
  const fork = (n) => {
    const env = { SERVER_WORKER: String(n) };
    if (n > 0) env.JOBS = "off";
    const worker = cluster.fork(env);
    numberOf.set(worker.id, n);
  };
  for (let n = 0; n < count; n++) fork(n);
  cluster.on("exit", (worker, code, signal) => {
    const n = numberOf.get(worker.id);
    numberOf.delete(worker.id);
    if (stopping) {
      if (numberOf.size === 0) process.exit(0);
      return;
    }
    console.error(`[start] worker ${n} (pid ${worker.process.pid}) exited (${signal ?? code}); starting it again`);
    setTimeout(() => fork(n), 1000);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (numberOf.size === 0) process.exit(0);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    // A worker that does not stop within 10 s is killed.
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
      process.exit(1);
    }, 10_000).unref();
  };
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, stop);
}
