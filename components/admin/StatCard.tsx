/** One figure with its label, an optional hint and an optional change against the previous period. */
export function StatCard({
  label,
  value,
  hint,
  change,
}: {
  label: string;
  value: React.ReactNode;
  hint?: React.ReactNode;
  change?: { ratio: number | null; goodWhenUp?: boolean };
}) {
  let badge: React.ReactNode = null;
  if (change) {
    if (change.ratio === null) badge = <span className="text-xs text-slate-500">no previous data</span>;
    else {
      const up = change.ratio > 0;
      const flat = change.ratio === 0;
      const good = flat ? null : up === (change.goodWhenUp ?? true);
      const pct = new Intl.NumberFormat("en-US", {
        style: "percent",
        maximumFractionDigits: 1,
        signDisplay: "exceptZero",
      }).format(change.ratio);
      badge = (
        <span
          className={`text-xs font-medium ${good === null ? "text-slate-600" : good ? "text-emerald-700" : "text-rose-700"}`}
        >
          <span aria-hidden="true">{flat ? "→" : up ? "▲" : "▼"} </span>
          {pct} <span className="sr-only">compared with the previous period</span>
          <span aria-hidden="true" className="text-slate-500">
            {" "}
            vs previous
          </span>
        </span>
      );
    }
  }
  return (
    <div role="group" aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</p>
      <p data-testid="stat-value" className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">
        {value}
      </p>
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      {badge ? <p className="mt-1">{badge}</p> : null}
    </div>
  );
}
