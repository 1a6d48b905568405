/** Small presentational pieces shared by the webhooks and jobs admin pages (server- and client-safe). */

export function Panel({
  title,
  description,
  children,
  actions,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  const id = `p-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={id} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function DataTable({ caption, head, children }: { caption: string; head: string[]; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {head.map((h) => (
              <th
                key={h}
                scope="col"
                className="px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase"
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export const cell = "px-3 py-2 align-top";

const TONES: Record<string, string> = {
  green: "bg-green-50 text-green-800 ring-green-600/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
};
const TONE_BY_STATUS: Record<string, keyof typeof TONES> = {
  SUCCEEDED: "green",
  OK: "green",
  ENABLED: "green",
  PENDING: "amber",
  RUNNING: "amber",
  FAILED: "red",
  ABANDONED: "red",
  DISABLED: "red",
};

export function Badge({ children }: { children: string }) {
  const tone = TONES[TONE_BY_STATUS[children] ?? "slate"];
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {children}
    </span>
  );
}

/** UTC date-time, the same on server and client (no hydration drift). */
export function When({ at }: { at: Date | string | null | undefined }) {
  if (!at) return <span className="text-slate-400">–</span>;
  const d = typeof at === "string" ? new Date(at) : at;
  return (
    <time dateTime={d.toISOString()} className="whitespace-nowrap">
      {d.toISOString().replace("T", " ").slice(0, 19)} UTC
    </time>
  );
}

/** A job result or payload: flat objects read as "key value · key value", anything else as JSON. */
export function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">–</span>;
  const flat =
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => v === null || typeof v !== "object");
  const text = flat
    ? Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(" · ")
    : JSON.stringify(value);
  return <code className="font-mono text-xs break-all text-slate-700">{text || "–"}</code>;
}

export const buttonClass =
  "inline-flex items-center justify-center whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-50";
export const primaryButton = `${buttonClass} bg-brand-700 text-white hover:bg-brand-900`;
export const secondaryButton = `${buttonClass} bg-white text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50`;
export const dangerButton = `${buttonClass} bg-white text-red-700 ring-1 ring-red-300 ring-inset hover:bg-red-50`;
