import "server-only";
import { headers } from "next/headers";
import { configuredOrigin } from "@/lib/env";

/** The public origin of links partners share: the configured one (docs/operations.md#public-origin), else the request's. */
export async function publicOrigin(): Promise<string> {
  const configured = configuredOrigin();
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`;
}
