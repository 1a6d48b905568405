import { cn } from "./cn";

/**
 * A labelled bar for progress towards a target (goals, tiers). The label names the bar for assistive
 * technology and `valueText` says the progress in words; colour only repeats it.
 */
export function ProgressBar({
  label,
  value,
  max,
  valueText,
  className,
}: {
  label: string;
  value: number;
  max: number;
  valueText?: string;
  className?: string;
}) {
  const now = Math.max(0, Math.min(value, max));
  const pct = max > 0 ? Math.round((now * 100) / max) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={valueText}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div
        className={cn("h-full rounded-full", pct >= 100 ? "bg-emerald-600" : "bg-brand-600")}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}
