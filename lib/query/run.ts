import { and, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { decodeCursor, encodeCursor, sortSpec, type ListResult } from "./list";

/** A sortable field: a non-null SQL expression and the PostgreSQL type its cursor value casts back to. */
export interface SortKey {
  expr: SQL | AnyPgColumn;
  /** e.g. `timestamptz`, `bigint`, `text`, `referral_status` */
  type: string;
}

export interface ListPage {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
  /** Select this as `cursor`: the sort value as exact text (microseconds kept). */
  cursorValue: SQL<string>;
}

export interface ListParams {
  page: number;
  pageSize: number;
  cursor?: string;
  sort: string;
}

/**
 * Runs one list: page (offset) or keyset cursor, ordered by the sort field then id (a total order),
 * fetching one extra row to know whether a next page exists, and the total count in parallel.
 */
export async function runList<T extends { id: string; cursor: string }>(opts: {
  params: ListParams;
  sorts: Record<string, SortKey>;
  idColumn: AnyPgColumn;
  where: SQL | undefined;
  rows: (page: ListPage) => Promise<T[]>;
  count: (where: SQL | undefined) => Promise<number>;
}): Promise<ListResult<Omit<T, "cursor">>> {
  const { params, idColumn } = opts;
  const spec = sortSpec(params.sort);
  const key = opts.sorts[spec.field];
  if (!key) throw new Error(`unknown sort field ${spec.field}`);
  const dir = spec.desc ? sql`desc` : sql`asc`;
  const orderBy = [sql`${key.expr} ${dir}`, sql`${idColumn} ${dir}`];
  let pageWhere = opts.where;
  if (params.cursor) {
    const c = decodeCursor(params.cursor, spec);
    const after = spec.desc
      ? sql`(${key.expr}, ${idColumn}) < (${String(c.value)}::${sql.raw(key.type)}, ${c.id}::uuid)`
      : sql`(${key.expr}, ${idColumn}) > (${String(c.value)}::${sql.raw(key.type)}, ${c.id}::uuid)`;
    pageWhere = and(opts.where, after);
  }
  const offset = params.cursor ? 0 : (params.page - 1) * params.pageSize;
  const [rows, total] = await Promise.all([
    opts.rows({
      where: pageWhere,
      orderBy,
      limit: params.pageSize + 1,
      offset,
      cursorValue: sql<string>`(${key.expr})::text`,
    }),
    opts.count(opts.where),
  ]);
  const more = rows.length > params.pageSize;
  const page = more ? rows.slice(0, params.pageSize) : rows;
  const last = page.at(-1);
  return {
    data: page.map(({ cursor: _c, ...rest }) => rest),
    pagination: {
      page: params.cursor ? null : params.page,
      pageSize: params.pageSize,
      total,
      nextCursor: more && last ? encodeCursor(spec, last.cursor, last.id) : null,
    },
  };
}
