/**
 * Dates for people, in one time zone given by the caller. The server and the browser call this with
 * the same zone (the viewer's, from the `tz` cookie; UTC until the browser has told it), so both
 * render the same text and hydration never disagrees.
 */
export type DateMode = "date" | "datetime";

export const TIME_ZONE_COOKIE = "tz";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(mode: DateMode, zone: string): Intl.DateTimeFormat {
  const key = `${mode}|${zone}`;
  let f = formats.get(key);
  if (!f) {
    f =
      mode === "date"
        ? new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: zone })
        : new Intl.DateTimeFormat("en-US", {
            year: "numeric",
            month: "short",
            day: "numeric",
            hour: "numeric",
            minute: "2-digit",
            timeZone: zone,
            timeZoneName: "short",
          });
    formats.set(key, f);
  }
  return f;
}

/** An IANA zone name this runtime knows ("Europe/Paris"), else null. */
export function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** "Dec 3, 2026" or "Dec 3, 2026, 11:37 AM EST" (the zone is always shown with a time); "—" for none. */
export function formatInstant(value: Date | string | null | undefined, mode: DateMode, zone: string): string {
  if (value === null || value === undefined) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  return format(mode, zone).format(d);
}
