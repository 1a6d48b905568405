import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { EmptyState } from "./empty-state";
import { hrefWith, type SearchParams } from "./url";

/**
 * A responsive table: a caption for screen readers, and a region that scrolls sideways on phones and that
 * keyboard users can focus and scroll. With `head`, the header row is built from it and `children` are the
 * body rows; without it, `children` bring their own `THead` / `TBody` (sortable headers).
 */
export function Table({
  caption,
  head,
  children,
  className,
}: {
  caption: string;
  head?: ReactNode[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={cn("overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm", className)}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {head ? (
          <>
            <THead>
              {head.map((h, i) => (
                <Th key={i}>{h}</Th>
              ))}
            </THead>
            <TBody>{children}</TBody>
          </>
        ) : (
          children
        )}
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

/** A body cell; `align="right"` is for figures (tabular digits, never wrapped). */
export function Td({ children, className, align, ...rest }: Omit<ComponentProps<"td">, "align"> & { align?: "right" }) {
  return (
    <td
      {...rest}
      className={cn("px-3 py-2 align-top", align === "right" && "text-right tabular-nums whitespace-nowrap", className)}
    >
      {children}
    </td>
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

/**
 * A `Table` of `rows` (`children` renders one row), or the empty state when there are none: `empty` is its
 * title, `emptyText` the sentence under it.
 */
export function TableOrEmpty<T>({
  rows,
  empty,
  emptyText,
  caption,
  head,
  children,
}: {
  rows: readonly T[];
  empty: string;
  emptyText?: ReactNode;
  caption: string;
  head: ReactNode[];
  children: (row: T) => ReactNode;
}) {
  if (rows.length === 0) return <EmptyState title={empty}>{emptyText}</EmptyState>;
  return (
    <Table caption={caption} head={head}>
      {rows.map(children)}
    </Table>
  );
}

export type Column = string | { label: string; field?: string; align?: "right"; defaultDesc?: boolean };

/** A header row of plain columns and columns with a `field` that sort through the URL (`SortableTh`). */
export function SortableHead({
  columns,
  sort,
  basePath,
  searchParams,
}: {
  columns: Column[];
  sort: string;
  basePath: string;
  searchParams: SearchParams;
}) {
  return (
    <THead>
      {columns.map((c) =>
        typeof c === "string" ? (
          <Th key={c}>{c}</Th>
        ) : c.field ? (
          <SortableTh
            key={c.label}
            label={c.label}
            field={c.field}
            align={c.align}
            defaultDesc={c.defaultDesc}
            sort={sort}
            basePath={basePath}
            searchParams={searchParams}
          />
        ) : (
          <Th key={c.label} align={c.align}>
            {c.label}
          </Th>
        ),
      )}
    </THead>
  );
}
