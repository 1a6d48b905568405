import "server-only";
import { headers } from "next/headers";

/** The site's public origin for links partners share: AUTH_URL/APP_URL when set, else the request's host. */
export async function publicOrigin(): Promise<string> {
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // fall through to the request's host
    }
  }
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`;
}
