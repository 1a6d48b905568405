import type { Sql } from "postgres";

/**
 * Tells a process whether the program's settings row may have changed since it last read it, so that
 * `getSettings` (lib/settings) can keep the row in memory instead of reading it on every request
 * (docs/performance.md#settings-cache). One feed per database client; transactions have none and read through.
 *
 * - Every write to `settings` fires `pg_notify('settings_changed')` from a statement trigger (the
 *   `settings_notify` migration), on PostgreSQL and PGlite alike. PostgreSQL delivers it to a LISTEN connection of every process
 *   on the database; PGlite calls its listener before the writing query resolves (in-process).
 * - The PostgreSQL driver also bumps the feed itself when it sends a statement that writes `settings`, and
 *   again when it or its transaction has finished, so a change made by this process is seen by its next read
 *   without waiting for the notification.
 * - While the LISTEN connection is not (yet, or no longer) listening, nothing is cached; a (re)connected
 *   listener starts from an empty cache. A cached row is also dropped after MAX_AGE_MS, a bound should a
 *   notification ever be lost.
 */
export const SETTINGS_CHANNEL = "settings_changed";
export const MAX_AGE_MS = 30_000;

export interface SettingsFeed {
  /** Bumped on every possible change; a read cached under an older generation is stale. */
  generation: number;
  /** Whether changes are being heard now; nothing may be cached otherwise. */
  live: () => boolean;
  /** Starts listening (once, on first use). */
  start: () => void;
  bump: () => void;
  close: () => Promise<void>;
  /** The cache itself (lib/settings keeps what it likes here). */
  cached?: { generation: number; at: number; value: unknown };
}

const feeds = new WeakMap<object, SettingsFeed>();

/** The feed of a database handle's client, when it has one (root handles only; a transaction's client has none). */
export function feedOf(db: unknown): SettingsFeed | undefined {
  const client = (db as { session?: { client?: object } }).session?.client;
  return client ? feeds.get(client) : undefined;
}

/** A statement that writes the settings table (what the PostgreSQL driver watches for, docs/performance.md). */
export function writesSettings(text: string): boolean {
  return (
    text.includes("settings") && /^\s*(update|insert\s+into|delete\s+from|truncate)\s+"?settings"?[\s(]/i.test(text)
  );
}

function newFeed(listen: (feed: SettingsFeed) => Promise<() => Promise<void>>): SettingsFeed {
  let listening = false;
  let stopped = false;
  let started: Promise<(() => Promise<void>) | void> | undefined;
  const feed: SettingsFeed = {
    generation: 0,
    live: () => listening && !stopped,
    bump: () => {
      feed.generation++;
      feed.cached = undefined;
    },
    start: () => {
      started ??= listen(feed).then(
        (stop) => {
          listening = true;
          return stop;
        },
        () => {
          // No listener (say, a role without LISTEN rights): settings are then read on every use.
        },
      );
    },
    close: async () => {
      stopped = true;
      const stop = await started;
      if (stop) await stop();
    },
  };
  return feed;
}

/** The feed of a postgres.js pool: its own LISTEN connection, opened on first use, closed with the pool. */
export function postgresFeed(client: object, open: () => Sql): SettingsFeed {
  let listener: Sql | undefined;
  const feed = newFeed(async (f) => {
    listener = open();
    // onlisten runs on every (re)connection: what changed while it was away is unknown, so start afresh.
    await listener.listen(SETTINGS_CHANNEL, f.bump, f.bump);
    return () => listener!.end({ timeout: 1 });
  });
  feeds.set(client, feed);
  return feed;
}

/** The feed of a PGlite instance: its in-process notifications, heard before the writing query resolves. */
export function pgliteFeed(client: {
  listen: (channel: string, fn: () => void) => Promise<() => Promise<void>>;
}): SettingsFeed {
  const feed = newFeed((f) => client.listen(SETTINGS_CHANNEL, f.bump));
  feeds.set(client, feed);
  return feed;
}
