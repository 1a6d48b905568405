import type { ReactNode } from "react";
import { cn } from "./cn";

/** A titled section; a string title also names the region for assistive technology (`id` when titles repeat). */
export function Card({
  title,
  description,
  actions,
  children,
  className,
  id,
  as: Tag = "section",
}: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  id?: string;
  as?: "section" | "div" | "article";
}) {
  const headingId =
    id ?? (typeof title === "string" ? `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}` : undefined);
  return (
    <Tag
      aria-labelledby={title ? headingId : undefined}
      className={cn("rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5", className)}
    >
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
          <div>
            {title && (
              <h2 id={headingId} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
        </div>
      )}
      {children}
    </Tag>
  );
}

/** A change against the previous period: ratio (0.25 = +25 %), null when there is nothing to compare with. */
export interface StatChange {
  ratio: number | null;
  goodWhenUp?: boolean;
}

const changePct = new Intl.NumberFormat("en-US", {
  style: "percent",
  maximumFractionDigits: 1,
  signDisplay: "exceptZero",
});

function ChangeNote({ change }: { change: StatChange }) {
  if (change.ratio === null) return <span className="text-slate-600">no previous data</span>;
  const up = change.ratio > 0;
  const flat = change.ratio === 0;
  const good = flat ? null : up === (change.goodWhenUp ?? true);
  return (
    <span className={cn("font-medium", good === null ? "text-slate-600" : good ? "text-emerald-700" : "text-rose-700")}>
      <span aria-hidden="true">{flat ? "→" : up ? "▲" : "▼"} </span>
      {changePct.format(change.ratio)} <span className="sr-only">compared with the previous period</span>
      <span aria-hidden="true" className="text-slate-600">
        {" "}
        vs previous
      </span>
    </span>
  );
}

/**
 * One figure with its label, inside a `StatGrid` (a description list: the label is the term, the figure
 * its definition). `hint` explains the figure; `change` compares it with the previous period.
 */
export function StatCard({
  label,
  value,
  hint,
  change,
  tone = "default",
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  change?: StatChange;
  tone?: "default" | "good" | "warn";
}) {
  return (
    <div
      className={cn(
        "rounded-lg border bg-white p-4 shadow-sm",
        tone === "good" ? "border-emerald-200" : tone === "warn" ? "border-amber-200" : "border-slate-200",
      )}
    >
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd data-testid="stat-value" className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
        {value}
      </dd>
      {hint && <dd className="mt-1 text-xs text-slate-600">{hint}</dd>}
      {change && (
        <dd className="mt-1 text-xs">
          <ChangeNote change={change} />
        </dd>
      )}
    </div>
  );
}

/** A grid of StatCards as one description list. */
export function StatGrid({ children, label, wide }: { children: ReactNode; label?: string; wide?: boolean }) {
  return (
    <dl
      aria-label={label}
      className={cn("grid grid-cols-2 gap-3 md:grid-cols-3", wide ? "xl:grid-cols-5" : "xl:grid-cols-4")}
    >
      {children}
    </dl>
  );
}
