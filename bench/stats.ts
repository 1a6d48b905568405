/** Small measurement helpers: percentiles over recorded samples and timed loops. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
  };
}

/** Runs `fn` `warmup` times unmeasured, then `n` times sequentially; milliseconds per call. */
export async function timeSequential(fn: () => Promise<unknown>, n: number, warmup = 3): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export interface Throughput {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  latency: Summary;
}

/** `workers` loops calling `fn` for `seconds`: the maximum throughput at that concurrency. */
export async function closedLoop(
  fn: (i: number) => Promise<unknown>,
  workers: number,
  seconds: number,
): Promise<Throughput> {
  const until = performance.now() + seconds * 1000;
  const samples: number[] = [];
  let errors = 0;
  let counter = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        try {
          await fn(counter++);
          samples.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return {
    requests: samples.length,
    errors,
    seconds: Math.round(elapsed * 10) / 10,
    rps: Math.round(samples.length / elapsed),
    latency: summarize(samples),
  };
}
