import type { ReactNode } from "react";

/** Label/value pairs for detail pages; long values (e-mails, codes) wrap at any character, never overflow. */
export function DetailList({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{k}</dt>
          <dd className="mt-0.5 text-sm break-words text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
