import type { Sql } from "postgres";
import { writesSettings } from "./settings-feed";

/**
 * Drizzle's postgres.js driver runs every query through `client.unsafe(text, params, { prepare: false })`.
 * For a query with parameters postgres.js then cannot know their types, so it first sends Parse+Describe
 * and waits, then Bind+Execute: two round trips per statement. Forcing `prepare: true`
 * makes postgres.js cache the described statement per connection (keyed by its text and types), so every
 * later execution is one round trip and the server skips parsing. Statements without parameters keep
 * postgres.js's one-round-trip simple protocol. postgres.js re-prepares by itself when a cached plan goes
 * stale (DDL). Planning still happens per execution (db/index.ts sets plan_cache_mode = force_custom_plan),
 * and postgres.js retires each connection after 30–60 minutes (max_lifetime), which bounds its statement cache.
 *
 * Transactions do not use postgres.js's `sql.begin`: under load it can send BEGIN on a connection it has
 * not reserved (the reservation hook is skipped when BEGIN fills a connection's pipeline, or is pipelined
 * behind other queries on a busy one), which fails with UNSAFE_TRANSACTION and leaves that pooled connection
 * inside an open transaction. Instead a transaction first reserves an idle connection (`sql.reserve()`,
 * which waits in the pool's queue and never pipelines onto a busy connection), then sends BEGIN on it
 * ([performance.md](../docs/performance.md#transactions-on-reserved-connections)).
 *
 * Measured at 1M referrals (docs/performance.md): lead capture in-process 357 → 749 captures/s,
 * over HTTP 215 → 324 req/s.
 */
const use = { max: 0, queries: 0, transactions: 0 };

/**
 * The pool in use, for /metrics: transactions holding a reserved connection, and queries outside them in flight
 * (postgres.js may pipeline several on one connection, so `inUse` is at most the pool's size).
 */
export function poolUse(): { max: number; inUse: number; transactions: number } {
  return { max: use.max, inUse: Math.min(use.max, use.transactions + use.queries), transactions: use.transactions };
}

/** Called when a statement that writes `settings` is sent and when it (or its transaction) has finished (db/settings-feed.ts). */
type OnSettingsWrite = () => void;

export function preparing<T extends Sql>(client: T, onSettingsWrite: OnSettingsWrite = () => {}): T {
  use.max += Number((client as unknown as { options?: { max?: number } }).options?.max ?? 0);
  const done = () => {
    use.queries--;
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (text: string, args?: unknown[], options?: Record<string, unknown>) => {
          const q = target.unsafe(text, args as never, { ...options, prepare: true });
          use.queries++;
          // postgres.js starts a query a tick after it is first awaited, so this does not change what runs.
          q.then(done, done);
          if (writesSettings(text)) {
            onSettingsWrite();
            q.then(onSettingsWrite, onSettingsWrite);
          }
          return q;
        };
      }
      if (prop === "end") {
        const end = Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<void>;
        return (...a: unknown[]) => {
          use.max -= Number((target as unknown as { options?: { max?: number } }).options?.max ?? 0);
          return end.apply(target, a);
        };
      }
      if (prop === "begin") {
        return (a: unknown, b?: unknown) => {
          const [mode, fn] = typeof a === "function" ? ["", a] : [String(a ?? ""), b];
          return reservedTransaction(target, mode, fn as TxBody, onSettingsWrite);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

type TxBody = (tx: Sql) => unknown;
type Reserved = Awaited<ReturnType<Sql["reserve"]>>;

/** The postgres.js Connection object, as far as this file touches it. */
interface PgConnection {
  onclose?: ((e: unknown) => void) | null;
}

/** Errors postgres.js raises when the socket, not the statement, failed. */
const CONNECTION_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "CONNECT_TIMEOUT"]);
const isConnectionError = (e: unknown) =>
  !!e && typeof e === "object" && CONNECTION_CODES.has(String((e as { code?: unknown }).code));

class ConnectionLost extends Error {
  readonly code = "CONNECTION_CLOSED";
  constructor() {
    super("The database connection of this transaction closed");
  }
}

/**
 * BEGIN … COMMIT on a reserved connection, with postgres.js's own semantics: savepoints for nested scopes,
 * any failed statement of a scope (awaited or not) fails it, and a "current transaction is aborted" error is
 * replaced by the statement error that caused it.
 */
async function reservedTransaction(
  pool: Sql,
  mode: string,
  fn: TxBody,
  onSettingsWrite: OnSettingsWrite,
): Promise<unknown> {
  const conn = await pool.reserve();
  use.transactions++;
  const state: TxState = { closed: false, savepoints: 0, wroteSettings: false };
  try {
    return await inTransaction(conn, mode, fn, state);
  } finally {
    use.transactions--;
    if (state.wroteSettings) onSettingsWrite();
  }
}

interface TxState {
  closed: boolean;
  savepoints: number;
  /** A statement of the transaction wrote `settings`: the cache is stale once it has committed. */
  wroteSettings: boolean;
}

async function inTransaction(conn: Reserved, mode: string, fn: TxBody, state: TxState): Promise<unknown> {
  let connection: PgConnection | undefined;
  const run = (text: string, options: Record<string, unknown> = {}) => {
    if (state.closed) throw new ConnectionLost();
    return conn.unsafe(text, [], options);
  };
  try {
    // onexecute hands over postgres.js's connection object, so a socket that closes mid-transaction is
    // known here: a closed connection must neither get another statement nor go back to the pool.
    // BEGIN is not awaited: the body's first statements go out behind it in the same write, and the
    // connection runs them in order. Its answer is awaited before COMMIT.
    const begun = run(`begin ${mode.replace(/[^a-z ]/gi, "")}`, {
      onexecute: (c: PgConnection) => {
        connection = c;
        c.onclose = () => {
          state.closed = true;
        };
        return true;
      },
    });
    const beginFailed = begun.then(
      () => null,
      (e: unknown) => ({ error: e }),
    );
    let result: unknown;
    try {
      result = await scope(conn, state, fn, null);
    } catch (e) {
      // A body that failed because BEGIN did reports BEGIN's error.
      throw (await beginFailed)?.error ?? e;
    }
    const failed = await beginFailed;
    if (failed) throw failed.error;
    await run("commit");
    return result;
  } catch (e) {
    if (isConnectionError(e)) state.closed = true;
    throw e;
  } finally {
    if (!state.closed) {
      if (connection) connection.onclose = null;
      conn.release();
    }
  }
}

async function scope(conn: Reserved, state: TxState, fn: TxBody, name: string | null): Promise<unknown> {
  const failed: { error?: unknown } = {};
  const client = txClient(conn, state, failed);
  const run = (text: string) => {
    if (state.closed) throw new ConnectionLost();
    return conn.unsafe(text);
  };
  if (name) await run(`savepoint ${name}`);
  try {
    const x = fn(client);
    const result = await (Array.isArray(x) ? Promise.all(x) : x);
    if (failed.error) throw failed.error;
    return result;
  } catch (e) {
    if (!state.closed && !isConnectionError(e)) {
      try {
        await run(name ? `rollback to ${name}` : "rollback");
      } catch (rollbackError) {
        if (isConnectionError(rollbackError)) state.closed = true;
      }
    }
    const code = (e as { code?: unknown } | null)?.code;
    throw (code === "25P02" && failed.error) || e;
  }
}

/** The client a transaction body sees: prepared statements on the reserved connection, and savepoints. */
function txClient(conn: Reserved, state: TxState, failed: { error?: unknown }): Sql {
  return new Proxy(conn, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (text: string, args?: unknown[], options?: Record<string, unknown>) => {
          if (state.closed) throw new ConnectionLost();
          if (writesSettings(text)) state.wroteSettings = true;
          const q = target.unsafe(text, args as never, { ...options, prepare: true });
          // postgres.js starts a query a tick after it is first awaited, so this does not change what runs.
          q.catch((e: unknown) => (failed.error ??= e));
          return q;
        };
      }
      if (prop === "savepoint") {
        return (a: unknown, b?: unknown) => {
          const fn = (typeof a === "function" ? a : b) as TxBody;
          const label = typeof a === "string" ? `_${a.replace(/[^a-z0-9_]/gi, "")}` : "";
          return scope(conn, state, fn, `s${state.savepoints++}${label}`);
        };
      }
      if (prop === "begin" || prop === "release") {
        return () => {
          throw new Error(`${String(prop)} is not available inside a transaction`);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as Sql;
}
