import { and, count, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgSelect } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { DbOrTx } from "@/db";
import {
  decodeCursor,
  encodeCursor,
  likePattern,
  parseList,
  sortSpec,
  type ListResult,
  type RawListInput,
  type Scope,
} from "./list";

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

/** A domain's list function, as every door calls it: `(db, scope, input, opts)`, `input` raw or parsed. */
export type ListFunction<I, T> = (
  db: DbOrTx,
  scope: Scope,
  input?: I | RawListInput,
  opts?: ListOptions,
) => Promise<ListResult<T>>;

/**
 * A domain's list, the way every domain list reads: `schema` parses the input (`listSchema`), `where` is the
 * domain's filter within the scope, `select(db, cursor)` builds the page's query (its fields, `cursor` among
 * them, and the joins they need; no where/order/limit), `shape` turns one of its rows into a list item, and
 * `countFrom` is the select of the matching ids (with the joins `where` reads).
 */
export function listFromSelect<S extends z.ZodObject, Q extends PgSelect, T extends { id: string }>(spec: {
  schema: S;
  sorts: Record<string, SortKey>;
  idColumn: AnyPgColumn;
  where: (scope: Scope, params: z.output<S>) => SQL | undefined;
  select: (db: DbOrTx, cursor: SQL<string>) => Q;
  shape: (row: Awaited<Q>[number], scope: Scope) => T;
  countFrom: (db: DbOrTx, params: z.output<S>) => PgSelect;
}): ListFunction<z.input<S>, T> {
  return async (db, scope, input = {}, opts = {}) => {
    const params = parseList(spec.schema, input as RawListInput);
    const page = await runList({
      params: params as ListParams,
      sorts: spec.sorts,
      idColumn: spec.idColumn,
      where: spec.where(scope, params),
      countCap: opts.countCap,
      rows: async (p) => {
        const rows: Awaited<Q> = await spec
          .select(db, p.cursorValue)
          .where(p.where)
          .orderBy(...p.orderBy)
          .limit(p.limit)
          .offset(p.offset);
        return rows.map((r: Awaited<Q>[number]) => ({ ...spec.shape(r, scope), cursor: String(r.cursor) }));
      },
      count: (w, cap) => countRows(db, spec.countFrom(db, params).where(w), cap),
    });
    return page as unknown as ListResult<T>;
  };
}

/**
 * The WHERE of a list filter: each `[column, value]` of `equal` whose value is set, each `[column, values]` of
 * `oneOf` that is not empty, the further conditions `also`, `from` <= `range` < `to`, and when `q` is set the
 * domain's `search` (given the ILIKE pattern of `q`, and `q` itself).
 */
export function listWhere(
  f: { from?: Date; to?: Date; q?: string },
  spec: {
    equal?: [AnyPgColumn, string | undefined][];
    oneOf?: [AnyPgColumn, readonly string[] | undefined][];
    also?: (SQL | undefined)[];
    range: AnyPgColumn;
    search: (like: string, q: string) => SQL | undefined;
  },
): SQL | undefined {
  return and(
    ...(spec.equal ?? []).map(([column, value]) => (value ? eq(column, value) : undefined)),
    ...(spec.oneOf ?? []).map(([column, values]) => (values?.length ? inArray(column, [...values]) : undefined)),
    ...(spec.also ?? []),
    f.from ? gte(spec.range, f.from) : undefined,
    f.to ? lt(spec.range, f.to) : undefined,
    f.q ? spec.search(likePattern(f.q), f.q) : undefined,
  );
}
