import "server-only";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Webhook } from "standardwebhooks";
import { guardedLookup, isPrivateAddress, privateAllowed } from "./ssrf";

export const DELIVERY_TIMEOUT_MS = 10_000;
const SNIPPET_BYTES = 1024;

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseSnippet: string | null;
}

/** The Standard Webhooks headers for one message (the library signs `id.timestamp.body`). */
export function signedHeaders(secret: string, messageId: string, body: string, at: Date): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, at, body),
  };
}

/**
 * POSTs one signed message. Never throws: network errors, timeouts (10 s) and refused private
 * addresses come back as `error`. The host is re-checked at connect time (see guardedLookup).
 */
export function sendWebhook(opts: {
  url: string;
  secret: string;
  messageId: string;
  body: string;
  timeoutMs?: number;
}): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Omit<SendResult, "durationMs">): SendResult => ({ ...r, durationMs: Date.now() - started });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      return resolve(done({ statusCode: null, error: "invalid url", responseSnippet: null }));
    }
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // Literal IPs skip the lookup hook, so check them here.
    if (net.isIP(host) && !privateAllowed() && isPrivateAddress(host))
      return resolve(done({ statusCode: null, error: `${host} is a private address; refused`, responseSnippet: null }));
    const headers = {
      "content-type": "application/json",
      "user-agent": "referral-program-webhooks/1",
      ...signedHeaders(opts.secret, opts.messageId, opts.body, new Date()),
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "POST",
      headers: { ...headers, "content-length": Buffer.byteLength(opts.body) },
      lookup: guardedLookup as never,
      signal: AbortSignal.timeout(opts.timeoutMs ?? DELIVERY_TIMEOUT_MS),
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () =>
        resolve(
          done({
            statusCode: res.statusCode ?? null,
            error: null,
            responseSnippet: Buffer.concat(chunks).toString("utf8").slice(0, SNIPPET_BYTES),
          }),
        );
      res.on("data", (c: Buffer) => {
        if (size < SNIPPET_BYTES) chunks.push(c);
        size += c.length;
      });
      res.on("end", finish);
      res.on("error", finish);
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      const error =
        e.name === "AbortError" || e.name === "TimeoutError"
          ? `timed out after ${opts.timeoutMs ?? DELIVERY_TIMEOUT_MS} ms`
          : e.message;
      resolve(done({ statusCode: null, error, responseSnippet: null }));
    });
    req.end(opts.body);
  });
}
