#!/usr/bin/env node
// `npm test`: typecheck, lint, Prettier check, Vitest (unit + integration on a throwaway PostgreSQL database),
// Playwright (against a production build on its own embedded database), then one closing line
// `N passed, N failed` adding up every suite. Exits non-zero when anything failed.
// `npm test -- --skip-e2e` leaves Playwright out (quick local loop).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const args = new Set(process.argv.slice(2));
const bin = (n) => path.join(root, "node_modules", ".bin", n);
const results = [];
fs.mkdirSync("test-results", { recursive: true });

function run(label, cmd, argv, env = {}) {
  console.log(`\n=== ${label}: ${[path.basename(cmd), ...argv].join(" ")}`);
  const r = spawnSync(cmd, argv, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

// Static checks count as one test each.
const typeOk = run("typecheck", bin("next"), ["typegen"]) && run("typecheck", bin("tsc"), ["--noEmit"]);
results.push({ suite: "typecheck", passed: typeOk ? 1 : 0, failed: typeOk ? 0 : 1 });
const lintOk = run("lint", bin("eslint"), ["--max-warnings=0", "."]);
results.push({ suite: "lint", passed: lintOk ? 1 : 0, failed: lintOk ? 0 : 1 });
const formatOk = run("format", bin("prettier"), ["--check", "--log-level=warn", "."]);
results.push({ suite: "format", passed: formatOk ? 1 : 0, failed: formatOk ? 0 : 1 });

const vitestFile = "test-results/vitest.json";
fs.rmSync(vitestFile, { force: true });
const vitestOk = run("vitest", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${vitestFile}`,
]);
const v = readJson(vitestFile);
if (v)
  results.push({
    suite: "vitest",
    passed: v.numPassedTests,
    failed: v.numFailedTests + (vitestOk || v.numFailedTests ? 0 : 1),
  });
else results.push({ suite: "vitest", passed: 0, failed: 1 });

if (!args.has("--skip-e2e")) {
  const pwFile = "test-results/playwright.json";
  fs.rmSync(pwFile, { force: true });
  // Build first, so a slow build never counts against Playwright's server start-up timeout.
  const built = run("build", process.execPath, ["scripts/start.mjs", "--build-only"]);
  const pwOk = built && run("playwright", bin("playwright"), ["test"]);
  const p = readJson(pwFile);
  if (p?.stats) {
    const failed = p.stats.unexpected + (pwOk || p.stats.unexpected ? 0 : 1);
    results.push({ suite: "playwright", passed: p.stats.expected + p.stats.flaky, failed });
  } else results.push({ suite: "playwright", passed: 0, failed: 1 });
}

if (args.has("--bench-smoke") && fs.existsSync(path.join(root, "bench", "run.ts"))) {
  const ok = run("bench smoke", bin("tsx"), ["--conditions=react-server", "bench/run.ts", "--quick", "--smoke"]);
  results.push({ suite: "bench-smoke", passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

console.log("\nSummary:");
for (const r of results) console.log(`  ${r.suite.padEnd(12)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
