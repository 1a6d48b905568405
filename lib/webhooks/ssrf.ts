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

/** True when the address is not publicly routable (IPv4-mapped IPv6 is checked as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], "ipv4");
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
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
