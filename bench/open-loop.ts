import http from "node:http";
import { summarize } from "./stats";
import type { LoadResult } from "./http";

/**
 * A fixed arrival rate, as real traffic arrives: request k is due at t0 + k/rate and is sent then,
 * whether or not earlier ones have answered (an open loop). Latency counts from the due time, so a
 * server or a generator that falls behind shows up in the percentiles instead of slowing the arrivals
 * (no coordinated omission). autocannon's `overallRate` cannot do this: each connection fires its
 * share of a second back to back at the start of the second and then waits, so "200 req/s" arrives
 * as 16-request bursts and every rate measures the latency of a saturated server.
 */
export async function openLoop(
  url: string,
  headers: Record<string, string>,
  body: (i: number) => unknown,
  o: { rate: number; seconds: number; first: number; timeoutMs?: number },
): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(o.rate * o.seconds);
  const interval = 1000 / o.rate;
  const samples: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;
  let done = 0;

  const send = (k: number, due: number) =>
    new Promise<void>((resolve) => {
      const payload = Buffer.from(JSON.stringify(body(o.first + k)));
      const finish = (code: string) => {
        statusCodes[code] = (statusCodes[code] ?? 0) + 1;
        done++;
        resolve();
      };
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          agent,
          headers: { ...headers, "content-type": "application/json", "content-length": payload.length },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            const code = res.statusCode ?? 0;
            if (code >= 200 && code < 300) samples.push(performance.now() - due);
            else {
              non2xx++;
              errors++;
            }
            finish(String(code));
          });
        },
      );
      req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        finish("error");
      });
      req.end(payload);
    });

  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (k < total && t0 + k * interval <= now) {
        inFlight.push(send(k, t0 + k * interval));
        k++;
      }
      if (k >= total) return resolve();
      // Wake up for the next due request; timers are ~1 ms coarse, so a late wake sends every overdue one.
      setTimeout(tick, Math.max(0, t0 + k * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return {
    rate: o.rate,
    connections: 0,
    seconds: o.seconds,
    requests: done,
    rps: Math.round(samples.length / elapsed),
    errors,
    non2xx,
    latency: summarize(samples),
    statusCodes,
  };
}
