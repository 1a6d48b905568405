import dns from "node:dns";
import net from "node:net";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Loopback, private, link-local, CGNAT, multicast and other non-public ranges (IPv4 and IPv6). */
const blocked = new net.BlockList();
for (const [addr, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(addr, prefix, "ipv4");
for (const [addr, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const)
  blocked.addSubnet(addr, prefix, "ipv6");

export const privateAllowed = () => env().WEBHOOKS_ALLOW_PRIVATE;

/** The eight 16-bit groups of an IPv6 address (dotted IPv4 tails and `::` expanded). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split("%")[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    if (net.isIP(dotted[1]) !== 4) return null;
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, extra] = text.split("::");
  if (extra !== undefined) return null;
  const part = (s: string | undefined) => (s ? s.split(":").map((h) => parseInt(h, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

const ipv4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/**
 * The IPv4 address an IPv6 address carries, for the forms that route to it: IPv4-compatible (::/96),
 * IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48)
 * and 6to4 (2002::/16, the address in groups 2–3).
 */
function embeddedIpv4(g: number[]): string | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 6)) return ipv4Of(g[6], g[7]);
  if (zeros(0, 5) && g[5] === 0xffff) return ipv4Of(g[6], g[7]);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return ipv4Of(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && (zeros(2, 6) || g[2] === 1)) return ipv4Of(g[6], g[7]);
  if (g[0] === 0x2002) return ipv4Of(g[1], g[2]);
  return null;
}

/** True when the address is not publicly routable, including IPv6 forms that embed a non-public IPv4. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 4) return blocked.check(address, "ipv4");
  if (blocked.check(address, "ipv6")) return true;
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const v4 = embeddedIpv4(groups);
  return v4 !== null && blocked.check(v4, "ipv4");
}

/** Parses an endpoint URL: http(s) only, no credentials. */
export function parseEndpointUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("validation", "url is not a valid URL", {
      errors: [{ path: "url", message: "Not a valid URL" }],
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new AppError("validation", "url must use http or https", {
      errors: [{ path: "url", message: "Use http or https" }],
    });
  if (url.username || url.password)
    throw new AppError("validation", "url must not carry credentials", {
      errors: [{ path: "url", message: "Remove the user name and password" }],
    });
  return url;
}

/**
 * Registration-time check: every address the host resolves to must be public
 * (unless WEBHOOKS_ALLOW_PRIVATE=1). Delivery checks again at connect time with `guardedLookup`.
 */
export async function assertPublicUrl(raw: string): Promise<URL> {
  const url = parseEndpointUrl(raw);
  if (privateAllowed()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new AppError("validation", `url host ${host} does not resolve`, {
      errors: [{ path: "url", message: "Host does not resolve" }],
    });
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress))
    throw new AppError("validation", "url resolves to a private, loopback or link-local address", {
      errors: [{ path: "url", message: "Private, loopback and link-local addresses are refused" }],
    });
  return url;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that refuses private addresses at connect time, so a host that
 * re-resolves to an internal address after registration (DNS rebinding) is still refused.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as dns.LookupAddress[];
    if (!privateAllowed() && (list.length === 0 || list.some((a) => isPrivateAddress(a.address)))) {
      const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address; refused`);
      e.code = "EPRIVATE";
      return callback(e, "");
    }
    if (options.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}
