"use client";

import { useSyncExternalStore } from "react";

type Mode = "date" | "datetime" | "relative";

const OPTIONS: Record<Exclude<Mode, "relative">, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  datetime: { dateStyle: "medium", timeStyle: "short" },
};

const noop = () => () => {};

function relative(d: Date): string {
  const diff = d.getTime() - Date.now();
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), "minute");
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), "hour");
  return rtf.format(Math.round(diff / 86_400_000), "day");
}

/**
 * A date in the viewer's locale and time zone. The server renders a stable UTC form (no hydration
 * mismatch); the browser swaps in the local one after hydration. The ISO value stays in `dateTime`.
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
  const onClient = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  if (value === null || value === undefined) return <span className={className}>—</span>;
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return <span className={className}>—</span>;
  const iso = d.toISOString();
  let text: string;
  if (!onClient) text = mode === "date" ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  else if (mode === "relative") text = relative(d);
  else text = new Intl.DateTimeFormat(undefined, OPTIONS[mode]).format(d);
  return (
    <time dateTime={iso} title={onClient ? d.toLocaleString() : iso} className={className}>
      {text}
    </time>
  );
}
