import { sql } from "drizzle-orm";
import type { DbOrTx } from "./index";

/** What a Drizzle builder's `.prepare(name)` returns, as far as this file uses it. */
interface Prepared<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

/** Drizzle's database and transaction objects both keep their session, whose `client` runs the SQL. */
interface WithSession {
  session: { client: unknown; constructor: unknown };
}

/**
 * A statement built once, run on any database or transaction. Drizzle's query builder costs 25–90 µs per
 * statement (docs/performance.md); a hot path's statements are built once per driver with `sql.placeholder`s
 * and `.prepare()`, then each run only fills the placeholders. Drizzle binds a prepared query to the session
 * it was built on, so a run on another session (a transaction) uses a copy of it pointed at that session's
 * client. Built per driver (postgres.js or PGlite sessions format results differently).
 */
export function reusable<R, V extends Record<string, unknown>>(
  name: string,
  build: (db: DbOrTx) => { prepare(name: string): Prepared<R> },
): (db: DbOrTx, values: V) => Promise<R> {
  const built = new Map<unknown, Prepared<R> & { client: unknown }>();
  return (db, values) => {
    const session = (db as unknown as WithSession).session;
    let query = built.get(session.constructor);
    if (!query) {
      query = build(db).prepare(name) as Prepared<R> & { client: unknown };
      built.set(session.constructor, query);
    }
    if (query.client === session.client) return query.execute(values);
    const onThisSession = Object.create(query) as Prepared<R> & { client: unknown };
    onThisSession.client = session.client;
    return onThisSession.execute(values);
  };
}

/**
 * A placeholder passed to the driver as given (Drizzle applies no column mapping to it): pass what the column's
 * mapping would produce, via `atParam` / `jsonParam` for timestamps and JSON. Nullable timestamp and JSON columns
 * need it, since Drizzle maps a placeholder's null through the column (`null.toISOString()`, `"null"`).
 */
export const param = (name: string) => sql`${sql.placeholder(name)}`;
export const atParam = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
export const jsonParam = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
