import Link from "next/link";
import type { ReactNode } from "react";

/** Views of one list as pill links (each view is its own URL); the current one carries `aria-current`. */
export function ViewTabs({
  label,
  items,
}: {
  label: string;
  items: { href: string; label: ReactNode; active: boolean }[];
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {items.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.active ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm font-medium ${t.active ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
