import "server-only";
import { cookies } from "next/headers";
import { knownTimeZone, TIME_ZONE_COOKIE } from "@/components/ui/date-format";

/** The viewer's time zone as the browser reported it (components/ui/time-zone.tsx), else UTC. */
export async function viewerTimeZone(): Promise<string> {
  const raw = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return knownTimeZone(raw ? safeDecode(raw) : null) ?? "UTC";
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
