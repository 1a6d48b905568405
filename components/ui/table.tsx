import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { hrefWith, type SearchParams } from "./url";

/** A responsive table: scrolls sideways on phones, caption for screen readers. */
export function Table({ caption, children, className }: { caption: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn("overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm", className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
      <tr>{children}</tr>
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Th({ children, className, align }: { children?: ReactNode; className?: string; align?: "right" }) {
  return (
    <th scope="col" className={cn("whitespace-nowrap px-3 py-2", align === "right" && "text-right", className)}>
      {children}
    </th>
  );
}

export function Td({ children, className, align }: { children?: ReactNode; className?: string; align?: "right" }) {
  return (
    <td className={cn("px-3 py-2 align-top", align === "right" && "text-right tabular-nums", className)}>{children}</td>
  );
}

export function Tr({ children, className }: { children: ReactNode; className?: string }) {
  return <tr className={cn("hover:bg-slate-50", className)}>{children}</tr>;
}

/**
 * A column header that sorts through the URL (`sort=field` / `sort=-field`), so sorting works
 * without JavaScript and is linkable. Clicking the active column flips its direction.
 */
export function SortableTh({
  label,
  field,
  sort,
  basePath,
  searchParams,
  align,
  defaultDesc = true,
}: {
  label: string;
  field: string;
  sort: string;
  basePath: string;
  searchParams: SearchParams;
  align?: "right";
  defaultDesc?: boolean;
}) {
  const active = sort.replace(/^-/, "") === field;
  const desc = sort.startsWith("-");
  const next = active ? (desc ? field : `-${field}`) : defaultDesc ? `-${field}` : field;
  const ariaSort = active ? (desc ? "descending" : "ascending") : "none";
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={cn("whitespace-nowrap px-3 py-2", align === "right" && "text-right")}
    >
      <Link
        href={hrefWith(basePath, searchParams, { sort: next })}
        className="inline-flex items-center gap-1 hover:text-slate-900"
      >
        {label}
        <span aria-hidden="true">{active ? (desc ? "↓" : "↑") : "↕"}</span>
        <span className="sr-only">{active ? `, sorted ${ariaSort}; select to reverse` : ", select to sort"}</span>
      </Link>
    </th>
  );
}
