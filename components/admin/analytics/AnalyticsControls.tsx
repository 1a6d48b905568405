import { buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Period presets, a custom range and the trend interval: a GET form, so every view has a URL. */
export function AnalyticsControls({
  from,
  to,
  interval,
  top,
}: {
  from: string;
  to: string;
  interval: string;
  top: string;
}) {
  const today = new Date();
  const preset = (days: number, iv: string) =>
    `/admin?${new URLSearchParams({ from: iso(new Date(today.getTime() - (days - 1) * DAY)), to: iso(today), interval: iv, top })}`;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <nav aria-label="Period presets" className="flex flex-wrap gap-1 text-sm">
        {[
          [7, "Last 7 days", "day"],
          [30, "Last 30 days", "day"],
          [90, "Last 90 days", "week"],
          [365, "Last 12 months", "month"],
        ].map(([d, label, iv]) => (
          <a
            key={String(d)}
            href={preset(Number(d), String(iv))}
            className="rounded-md px-2 py-1 font-medium text-brand-700 hover:bg-brand-50"
          >
            {label}
          </a>
        ))}
      </nav>
      <form method="get" action="/admin" aria-label="Analytics period" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="top" value={top} />
        <div>
          <label htmlFor="a-from" className="block text-xs font-medium text-slate-700">
            From
          </label>
          <input id="a-from" name="from" type="date" defaultValue={from} className={controlClass()} />
        </div>
        <div>
          <label htmlFor="a-to" className="block text-xs font-medium text-slate-700">
            To
          </label>
          <input id="a-to" name="to" type="date" defaultValue={to} className={controlClass()} />
        </div>
        <div>
          <label htmlFor="a-interval" className="block text-xs font-medium text-slate-700">
            Group by
          </label>
          <select id="a-interval" name="interval" defaultValue={interval} className={controlClass()}>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Show
        </button>
      </form>
    </div>
  );
}
