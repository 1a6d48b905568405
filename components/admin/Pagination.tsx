import Link from "next/link";
import { formatNumber } from "./format";

type Params = Record<string, string | string[] | undefined>;

/** Builds `path?query` from the current search params with some keys replaced (undefined/"" removes). */
export function hrefWith(path: string, params: Params, patch: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string" && v !== "") q.set(k, v);
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === "") q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function Pagination({
  path,
  params,
  page,
  pageSize,
  total,
  totalCapped,
}: {
  path: string;
  params: Params;
  page: number;
  pageSize: number;
  total: number;
  totalCapped?: boolean;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50";
  const off = "rounded-md border border-slate-200 px-3 py-1.5 text-slate-400";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>
        {total === 0
          ? "No results"
          : `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}${totalCapped ? "+" : ""}`}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link className={link} href={hrefWith(path, params, { page: page - 1 })} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            Previous
          </span>
        )}
        <span aria-current="page">
          Page {formatNumber(page)} of {formatNumber(pages)}
          {totalCapped ? "+" : ""}
        </span>
        {page < pages || totalCapped ? (
          <Link className={link} href={hrefWith(path, params, { page: page + 1 })} rel="next">
            Next
          </Link>
        ) : (
          <span className={off} aria-disabled="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
