import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { hrefWith, type SearchParams } from "@/components/ui/url";
import { DASHBOARD_RANGES, type DashboardInterval, type DashboardRange } from "@/lib/portal/dashboard";

const pill = (active: boolean) =>
  cn(
    "rounded-md px-3 py-1.5 text-sm font-medium",
    active ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
  );

/** Period and bucket choices as links (`?range=90&interval=week`): linkable, no JavaScript needed. */
export function RangePicker({
  range,
  interval,
  searchParams,
}: {
  range: DashboardRange;
  interval: DashboardInterval;
  searchParams: SearchParams;
}) {
  return (
    <div className="flex flex-wrap items-center gap-4">
      <nav aria-label="Period" className="flex gap-1">
        {DASHBOARD_RANGES.map((r) => (
          <Link
            key={r}
            href={hrefWith("/portal", searchParams, { range: r })}
            aria-current={r === range ? "true" : undefined}
            className={pill(r === range)}
          >
            {r === 365 ? "12 months" : `${r} days`}
          </Link>
        ))}
      </nav>
      <nav aria-label="Chart buckets" className="flex gap-1">
        {(["day", "week"] as const).map((i) => (
          <Link
            key={i}
            href={hrefWith("/portal", searchParams, { interval: i })}
            aria-current={i === interval ? "true" : undefined}
            className={pill(i === interval)}
          >
            By {i}
          </Link>
        ))}
      </nav>
    </div>
  );
}
