import Link from "next/link";
import { buttonClass } from "./button";
import { formatCount } from "./format";
import { hrefWith, type SearchParams } from "./url";

export interface PageInfo {
  page: number | null;
  pageSize: number;
  total: number;
  nextCursor: string | null;
}

/**
 * "Showing 21–40 of 125" with previous / next links (URL-driven, works without JavaScript). `totalCapped`
 * says the count stopped at a cap ("of 10,000+"), so there may be more pages than the total suggests.
 */
export function Pagination({
  pagination,
  basePath,
  searchParams,
  shown,
  totalCapped = false,
}: {
  pagination: PageInfo;
  basePath: string;
  searchParams: SearchParams;
  shown: number;
  totalCapped?: boolean;
}) {
  const more = totalCapped ? "+" : "";
  const page = pagination.page ?? 1;
  const pages = Math.max(1, Math.ceil(pagination.total / pagination.pageSize));
  const start = pagination.total === 0 || shown === 0 ? 0 : (page - 1) * pagination.pageSize + 1;
  const end = start === 0 ? 0 : start + shown - 1;
  const prev =
    page > 1
      ? hrefWith(basePath, searchParams, { page: page - 1 === 1 ? undefined : page - 1, cursor: undefined })
      : null;
  const next =
    page < pages || totalCapped ? hrefWith(basePath, searchParams, { page: page + 1, cursor: undefined }) : null;
  const disabled = buttonClass("secondary", "sm", "pointer-events-none opacity-50");
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm text-slate-700"
    >
      <p>
        {pagination.total === 0
          ? "No results"
          : `Showing ${formatCount(start)}–${formatCount(end)} of ${formatCount(pagination.total)}${more}`}
        {pages > 1 && ` · page ${formatCount(page)} of ${formatCount(pages)}${more}`}
      </p>
      <div className="flex gap-2">
        {prev ? (
          <Link href={prev} rel="prev" className={buttonClass("secondary", "sm")}>
            ← Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            ← Previous
          </span>
        )}
        {next ? (
          <Link href={next} rel="next" className={buttonClass("secondary", "sm")}>
            Next →
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            Next →
          </span>
        )}
      </div>
    </nav>
  );
}
