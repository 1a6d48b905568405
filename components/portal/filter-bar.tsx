import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

/**
 * A GET form for list filters: submitting changes the URL, so filtered views are linkable and work
 * without JavaScript. Changing filters starts again at page 1 (no `page` field is sent).
 */
export function FilterBar({
  action,
  children,
  sort,
  resetHref,
}: {
  action: string;
  children: ReactNode;
  sort?: string;
  resetHref: string;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label="Filter"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      {children}
      {sort && <input type="hidden" name="sort" value={sort} />}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary", "sm")}>
          Apply
        </button>
        <Link href={resetHref} className={buttonClass("ghost", "sm")}>
          Reset
        </Link>
      </div>
    </form>
  );
}

export const PERIODS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
] as const;

/** `?period=30` → the `from` date (UTC day) of the list filter; unknown values mean all time. */
export function periodFrom(period: string | undefined, now = new Date()): string | undefined {
  const days = PERIODS.find((p) => p.value === period)?.value;
  if (!days) return undefined;
  return new Date(now.getTime() - (Number(days) - 1) * 86_400_000).toISOString().slice(0, 10);
}
