import type { ReactNode } from "react";
import { Pagination, type PageInfo } from "./pagination";
import { SortableHead, Table, TBody, type Column } from "./table";
import type { SearchParams } from "./url";

/**
 * One page of a list: the empty state when the page has no rows, else the rows (`children`, a table) with
 * the pagination under them. Without `empty` the children show their own empty state and the pagination is
 * left out on an empty page. The count says "10,000+" when the list's query stopped counting at its cap.
 */
export function PagedList({
  page,
  basePath,
  searchParams,
  empty,
  totalCapped = page.pagination.totalCapped,
  children,
}: {
  page: { data: readonly unknown[]; pagination: PageInfo & { totalCapped?: boolean } };
  basePath: string;
  searchParams: SearchParams;
  empty?: ReactNode;
  totalCapped?: boolean;
  children: ReactNode;
}) {
  if (page.data.length === 0 && empty !== undefined) return empty;
  // The children keep their place in the tree whether the page has rows or not, so a client component among
  // them keeps its state when the last row goes (the approval queue's bulk progress).
  return (
    <>
      {children}
      {page.data.length > 0 ? (
        <Pagination
          pagination={page.pagination}
          basePath={basePath}
          searchParams={searchParams}
          shown={page.data.length}
          totalCapped={totalCapped}
        />
      ) : null}
    </>
  );
}

/**
 * A paged list as a table with headers that sort through the URL (`SortableHead`): the empty state, or the
 * rows (`children`) and the pagination.
 */
export function SortedTablePage({
  page,
  basePath,
  searchParams,
  sort,
  caption,
  columns,
  empty,
  children,
}: {
  page: { data: readonly unknown[]; pagination: PageInfo & { totalCapped?: boolean } };
  basePath: string;
  searchParams: SearchParams;
  sort: string;
  caption: string;
  columns: Column[];
  empty: ReactNode;
  children: ReactNode;
}) {
  return (
    <PagedList page={page} basePath={basePath} searchParams={searchParams} empty={empty}>
      <Table caption={caption}>
        <SortableHead columns={columns} sort={sort} basePath={basePath} searchParams={searchParams} />
        <TBody>{children}</TBody>
      </Table>
    </PagedList>
  );
}
