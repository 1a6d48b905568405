import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { setEnv } from "../helpers/env";
import { lateBound } from "../helpers/late";

export interface Received {
  headers: Record<string, string>;
  body: string;
}

/**
 * A local HTTP server on 127.0.0.1 and an ephemeral port that records every request and answers
 * with the next queued status (200 when the queue is empty). `hang` never answers (timeouts).
 */
export async function startReceiver() {
  const received: Received[] = [];
  const queue: (number | "hang")[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      const next = queue.shift() ?? 200;
      if (next === "hang") return;
      res.writeHead(next, { "content-type": "text/plain" }).end(`status ${next}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    respondWith: (...statuses: (number | "hang")[]) => queue.push(...statuses),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * `startReceiver()` for the enclosing suite (or file): started in a `beforeAll` with private addresses allowed
 * (it listens on 127.0.0.1), closed in an `afterAll`.
 */
export function receiverSuite() {
  let rx: Awaited<ReturnType<typeof startReceiver>> | undefined;
  beforeAll(async () => {
    setEnv({ WEBHOOKS_ALLOW_PRIVATE: "1" });
    rx = await startReceiver();
  });
  afterAll(() => rx?.close());
  return lateBound("the webhook receiver", () => rx);
}
