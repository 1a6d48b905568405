import autocannon from "autocannon";
import { summarize, timeSequential, type Summary } from "./stats";

/** HTTP helpers against the benchmark server: probes, sign-in, timed GETs and autocannon runs. */

export async function status(url: string, init: RequestInit = {}): Promise<number> {
  try {
    const r = await fetch(url, { redirect: "manual", ...init });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** Signs in through next-auth's credentials callback; the session cookie header, or null. */
export async function signIn(base: string, email: string, password: string): Promise<string | null> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  if (!csrfRes.ok) return null;
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }).toString(),
  });
  await res.arrayBuffer();
  const session = cookiesOf(res).filter((c) => c.includes("session-token"));
  return session.length ? [...jar, ...session].join("; ") : null;
}

/** Sequential GETs, each read to the end; fails on any non-200. */
export async function timeGet(url: string, headers: Record<string, string>, n: number, warmup = 3): Promise<Summary> {
  return timeSequential(
    async () => {
      const r = await fetch(url, { headers, redirect: "manual" });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}`);
    },
    n,
    warmup,
  );
}

export interface LoadResult {
  rate: number | null;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  errors: number;
  non2xx: number;
  latency: Summary;
  statusCodes: Record<string, number>;
}

/**
 * POSTs built by `body(i)` (a unique prospect each) with autocannon: at a fixed overall rate when
 * `rate` is set, else as fast as `connections` allow. Latencies come from every response.
 */
/** Request counter across every run of the process: each body (prospect) is unique in the whole benchmark. */
let sent = 0;
/** Reserves `n` body numbers for a generator of its own (bench/open-loop.ts); returns the first. */
export function reserveBodies(n: number): number {
  const first = sent;
  sent += n;
  return first;
}

export async function loadTest(
  url: string,
  headers: Record<string, string>,
  body: (i: number) => unknown,
  o: { rate: number | null; connections: number; seconds: number },
): Promise<LoadResult> {
  const samples: number[] = [];
  const statusCodes: Record<string, number> = {};
  const instance = autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    connections: o.connections,
    duration: o.seconds,
    ...(o.rate ? { overallRate: o.rate } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body(sent++)) }) }],
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    samples.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
  const r = await instance;
  const ok = samples.length - (r.non2xx ?? 0);
  return {
    rate: o.rate,
    connections: o.connections,
    seconds: o.seconds,
    requests: samples.length,
    rps: Math.round(ok / o.seconds),
    errors: (r.errors ?? 0) + (r.timeouts ?? 0) + (r.non2xx ?? 0),
    non2xx: r.non2xx ?? 0,
    latency: summarize(samples),
    statusCodes,
  };
}
