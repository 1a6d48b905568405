"use client";

import { useSyncExternalStore } from "react";
import { type DateMode, formatInstant } from "./date-format";
import { useTimeZone } from "./time-zone";

type Mode = DateMode | "relative";

const noop = () => () => {};

function relative(d: Date): string {
  const diff = d.getTime() - Date.now();
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), "minute");
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), "hour");
  return rtf.format(Math.round(diff / 86_400_000), "day");
}

/**
 * A date in the viewer's time zone, with the zone shown on times (and in the tooltip of a date).
 * Server and browser render it in the same zone (components/ui/time-zone.tsx), so the text matches
 * at hydration. "relative" ("3 hours ago") depends on the clock, so it appears after hydration and
 * the server renders the absolute time. The ISO instant stays in `dateTime`.
 */
export function DateTime({
  value,
  mode = "datetime",
  className,
}: {
  value: Date | string | null | undefined;
  mode?: Mode;
  className?: string;
}) {
  const zone = useTimeZone();
  const onClient = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  if (value === null || value === undefined) return <span className={className}>—</span>;
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return <span className={className}>—</span>;
  const full = formatInstant(d, "datetime", zone);
  const text = mode === "relative" ? (onClient ? relative(d) : full) : formatInstant(d, mode, zone);
  return (
    <time dateTime={d.toISOString()} title={full} className={className}>
      {text}
    </time>
  );
}
