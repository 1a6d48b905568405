import { and, count, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgSelect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
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

/** Counting past this many matches costs a scan of a big table and tells little: pages show "10,000+". */
export const COUNT_CAP = 10_000;

export interface ListOptions {
  /** Count at most this many matches (`pagination.totalCapped` says when there are more); admin pages of big tables. */
  countCap?: number;
}

/** `count(*)` of a query of the matching rows; with `cap`, of at most `cap + 1` of them. */
export async function countRows(db: DbOrTx, rows: PgSelect, cap?: number): Promise<number> {
  const sub = (cap === undefined ? rows : rows.limit(cap + 1)).as("counted");
  const [{ n }] = await db.select({ n: count() }).from(sub);
  return Number(n);
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
  /** The number of rows matching `where`; `cap` as in `countRows`. */
  count: (where: SQL | undefined, cap: number | undefined) => Promise<number>;
  countCap?: number;
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
    opts.count(opts.where, opts.countCap),
  ]);
  const cap = opts.countCap;
  const more = rows.length > params.pageSize;
  const page = more ? rows.slice(0, params.pageSize) : rows;
  const last = page.at(-1);
  return {
    data: page.map(({ cursor: _c, ...rest }) => rest),
    pagination: {
      page: params.cursor ? null : params.page,
      pageSize: params.pageSize,
      total: cap === undefined ? total : Math.min(total, cap),
      nextCursor: more && last ? encodeCursor(spec, last.cursor, last.id) : null,
      ...(cap === undefined ? {} : { totalCapped: total > cap }),
    },
  };
}

/**
 * `runList` over one select, the way every domain list reads: `select(cursor)` builds the page's query (its
 * fields, `cursor` among them, and the joins they need; no where/order/limit), `shape` turns one of its rows
 * into a list item, and `countFrom` is the select of the matching ids (with the joins `where` reads).
 */
export function listFromSelect<Q extends PgSelect, T extends { id: string }>(
  db: DbOrTx,
  opts: {
    params: ListParams;
    sorts: Record<string, SortKey>;
    idColumn: AnyPgColumn;
    where: SQL | undefined;
    countCap?: number;
    select: (cursor: SQL<string>) => Q;
    shape: (row: Awaited<Q>[number]) => T;
    countFrom: PgSelect;
  },
): Promise<ListResult<Omit<T & { cursor: string }, "cursor">>> {
  const { select, shape, countFrom, ...list } = opts;
  return runList({
    ...list,
    rows: async (p) => {
      const rows: Awaited<Q> = await select(p.cursorValue)
        .where(p.where)
        .orderBy(...p.orderBy)
        .limit(p.limit)
        .offset(p.offset);
      return rows.map((r: Awaited<Q>[number]) => ({ ...shape(r), cursor: String(r.cursor) }));
    },
    count: (w, cap) => countRows(db, countFrom.where(w), cap),
  });
}
