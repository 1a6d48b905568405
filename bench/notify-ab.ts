// `npm run bench:notify`: lead capture with and without the notification outbox row, side by side.
// The e-mail and inbox work happens in the jobs; the request path only gains one more row in the
// outbox INSERT it already made. On a shared, noisy machine a before/after pair of separate runs says
// little, so this interleaves short rounds of both variants (A B B A …) on one database and compares
// the medians. Writes bench/results/notify-ab-<timestamp>.json; docs/notifications.md quotes a run.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { MAX_CONNECTIONS } from "./context";
import { generate } from "./generate";
import { rawLeadCapture } from "./raw-lead";
import { createBenchDb, createCredentials } from "./setup";
import { closedLoop, type Throughput } from "./stats";

const { values: a } = parseArgs({
  options: { rounds: { type: "string", default: "6" }, seconds: { type: "string", default: "10" } },
});
const rounds = Number(a.rounds);
const seconds = Number(a.seconds);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

async function main() {
  const db = await createBenchDb();
  try {
    const gen = await generate(db.sql, { partners: 200, referrals: 20_000, days: 90, seed: 11, end: new Date() });
    const creds = await createCredentials(db.sql, gen.partnerIds[0]);
    const variants = {
      before: rawLeadCapture(db.sql, creds.apiKeyPrefix, gen.codes, { notify: false }),
      after: rawLeadCapture(db.sql, creds.apiKeyPrefix, gen.codes, { notify: true }),
    };
    let offset = 0;
    const runs: Record<keyof typeof variants, Throughput[]> = { before: [], after: [] };
    await closedLoop((i) => variants.after(1_000_000_000 + i), MAX_CONNECTIONS, 3); // warm-up
    for (let r = 0; r < rounds; r++) {
      const order: (keyof typeof variants)[] = r % 2 === 0 ? ["before", "after"] : ["after", "before"];
      for (const v of order) {
        const base = (offset += 10_000_000);
        const t = await closedLoop((i) => variants[v](base + i), MAX_CONNECTIONS, seconds);
        runs[v].push(t);
        console.log(
          `[bench:notify] round ${r + 1} ${v}: ${t.rps} req/s, p50 ${t.latency.p50} ms, p95 ${t.latency.p95} ms, ${t.errors} errors`,
        );
      }
    }
    const sum = (v: keyof typeof variants) => ({
      rps: median(runs[v].map((t) => t.rps)),
      p50: median(runs[v].map((t) => t.latency.p50)),
      p95: median(runs[v].map((t) => t.latency.p95)),
      errors: runs[v].reduce((n, t) => n + t.errors, 0),
    });
    const before = sum("before");
    const after = sum("after");
    const change = Math.round((after.rps / before.rps - 1) * 1000) / 10;
    const result = {
      at: new Date().toISOString(),
      rounds,
      seconds,
      workers: MAX_CONNECTIONS,
      before,
      after,
      rpsChangePercent: change,
      runs,
    };
    console.log(`[bench:notify] before: ${JSON.stringify(before)}`);
    console.log(`[bench:notify] after:  ${JSON.stringify(after)}`);
    console.log(`[bench:notify] throughput change: ${change} % (target: within 5 %)`);
    const dir = path.join(import.meta.dirname, "results");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, `notify-ab-${result.at.replace(/[:.]/g, "-")}.json`),
      JSON.stringify(result, null, 2),
    );
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
