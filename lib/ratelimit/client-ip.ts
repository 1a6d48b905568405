import { env } from "@/lib/env";
/**
 * The client address every limit keys on (sign-in, sign-up, password reset, quote, code validation, clicks),
 * worked out as docs/security.md describes:
 * - by default the TCP peer, which `npm start`'s server (scripts/server.mjs) writes into `x-client-socket-ip`
 *   after removing any value a client sent under that name; a client cannot choose its own bucket;
 * - with `TRUST_PROXY_HOPS=N` (N trusted proxies in front), the N-th address from the right of
 *   `X-Forwarded-For`: each proxy appends the peer it saw, so entries left of that are the client's own words.
 */
export const SOCKET_IP_HEADER = "x-client-socket-ip";
const SOCKET_IP_MARKER = Symbol.for("rp.socketIpHeader");

export interface ClientIpOptions {
  /** Trusted proxies in front of the app (TRUST_PROXY_HOPS); 0 = none. */
  hops: number;
  /** Whether `x-client-socket-ip` was set by our own server (true only under scripts/server.mjs). */
  socketHeaderTrusted: boolean;
}

export function clientIpOptions(): ClientIpOptions {
  return {
    hops: env().TRUST_PROXY_HOPS,
    socketHeaderTrusted: (globalThis as Record<symbol, unknown>)[SOCKET_IP_MARKER] === true,
  };
}

const normalize = (ip: string) => ip.trim().replace(/^::ffff:/i, "");

export function clientIp(headers: Headers, opts: ClientIpOptions = clientIpOptions()): string {
  const socket = opts.socketHeaderTrusted ? headers.get(SOCKET_IP_HEADER)?.trim() || null : null;
  if (opts.hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    // Fewer entries than trusted proxies: the request did not come through them, so only the peer counts.
    if (chain.length >= opts.hops) return normalize(chain[chain.length - opts.hops]);
  }
  return socket ? normalize(socket) : "unknown";
}
