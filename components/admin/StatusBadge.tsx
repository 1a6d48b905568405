import { humanize } from "./format";

const TONES: Record<string, string> = {
  ACTIVE: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  APPROVED: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  PAID: "bg-emerald-100 text-emerald-900 ring-emerald-700/20",
  CONVERTED: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  ACCEPTED: "bg-sky-50 text-sky-800 ring-sky-600/20",
  CALCULATED: "bg-sky-50 text-sky-800 ring-sky-600/20",
  QUALIFIED: "bg-sky-50 text-sky-800 ring-sky-600/20",
  QUOTED: "bg-sky-50 text-sky-800 ring-sky-600/20",
  CONTACTED: "bg-sky-50 text-sky-800 ring-sky-600/20",
  PENDING: "bg-amber-50 text-amber-800 ring-amber-600/20",
  NEW: "bg-amber-50 text-amber-800 ring-amber-600/20",
  INACTIVE: "bg-slate-100 text-slate-700 ring-slate-500/20",
  EXPIRED: "bg-slate-100 text-slate-700 ring-slate-500/20",
  SUSPENDED: "bg-orange-50 text-orange-800 ring-orange-600/20",
  REJECTED: "bg-rose-50 text-rose-800 ring-rose-600/20",
  CANCELLED: "bg-rose-50 text-rose-800 ring-rose-600/20",
  FAILED: "bg-rose-50 text-rose-800 ring-rose-600/20",
  LOST: "bg-rose-50 text-rose-800 ring-rose-600/20",
  TERMINATED: "bg-rose-100 text-rose-900 ring-rose-700/20",
};

/** A status as a coloured pill; the text carries the meaning, colour only repeats it. */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="text-slate-400">—</span>;
  const tone = TONES[status] ?? "bg-slate-100 text-slate-700 ring-slate-500/20";
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone}`}
    >
      {humanize(status)}
    </span>
  );
}
