import { z } from "zod";

/**
 * The one place that reads the environment (docs/operations.md#environment lists every variable).
 * `readEnv` parses a source once with zod; `env()` parses `process.env` on first use and keeps the result.
 * A bad value throws an EnvError naming each bad variable; `instrumentation.ts` and `npm start` parse it
 * before anything else, so a bad value stops start-up instead of failing a request later.
 * No `server-only` import: scripts (tsx) and the proxy read it too. Nothing here is secret to a client
 * bundle because no client component imports it.
 */

type Source = Record<string, string | undefined>;

/** An unset or blank variable takes its default. */
const unset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const flag = (on: string, off: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === on || v === off, `must be "${on}" or "${off}"`)
    .transform((v) => v === on);

const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL");

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.output<T>) =>
  z.preprocess(unset, schema.default(value as never));

const schema = z.object({
  /** Set by Next (`development` under `next dev`, `production` under `next start`) and by Vitest (`test`). */
  NODE_ENV: withDefault(
    z.enum(["development", "production", "test"], "must be development, production or test"),
    "development",
  ),
  /** Port of `npm start` and of the local origin in links when no public origin is set. */
  PORT: withDefault(wholeNumber(1, 65535), 3000),
  /** PostgreSQL; when unset the embedded PGlite is used. */
  DATABASE_URL: optional(
    z
      .string()
      .trim()
      .refine((v) => /^postgres(ql)?:\/\/./.test(v) && URL.canParse(v), "must be a postgres:// URL"),
  ),
  /** PGlite data directory (default .data/pglite under the working directory). */
  PGLITE_DIR: optional(z.string()),
  /** Seed demo data: on PGlite unless "0", on PostgreSQL only when "1". */
  SEED_DEMO: optional(flag("1", "0")),
  /** Session and API token signing secret (required in production; `npm start` generates one). */
  AUTH_SECRET: optional(z.string()),
  /** Read by next-auth itself; `npm start` sets it to true. */
  AUTH_TRUST_HOST: optional(flag("true", "false")),
  /** next-auth's public URL; the public origin when APP_URL is unset. */
  AUTH_URL: optional(httpUrl),
  /** The public origin of links the app writes (invitations, share links); wins over AUTH_URL. */
  APP_URL: optional(httpUrl),
  /** Server processes `npm start` runs (Node's cluster module; PostgreSQL only): docs/operations.md#several-processes. */
  WEB_CONCURRENCY: withDefault(wholeNumber(1, 64), 1),
  /** Set by `npm start` in each cluster worker: its number, 0 to N-1 (worker 0 runs the jobs). Not set by hand. */
  SERVER_WORKER: withDefault(wholeNumber(0, 63), 0),
  /** In-process background jobs: "off" switches them off (tests, benchmark, a separate `npm run jobs`). */
  JOBS: withDefault(flag("on", "off"), true),
  /** Rate-limit overrides of the program settings (tests and the benchmark raise them). */
  RATE_LIMIT_QUOTE: optional(wholeNumber(1, 1_000_000_000)),
  RATE_LIMIT_LOGIN: optional(wholeNumber(1, 1_000_000_000)),
  RATE_LIMIT_LOGIN_IP: optional(wholeNumber(1, 1_000_000_000)),
  RATE_LIMIT_SIGNUP: optional(wholeNumber(1, 1_000_000_000)),
  RATE_LIMIT_CODE: optional(wholeNumber(1, 1_000_000_000)),
  /** Trusted proxies in front of the app: the client is the N-th X-Forwarded-For entry from the right (docs/security.md). */
  TRUST_PROXY_HOPS: withDefault(wholeNumber(0, 10), 0),
  /** Failed sign-ins per e-mail from any address within the sign-in window before the account locks. */
  LOGIN_ACCOUNT_FAIL_LIMIT: withDefault(wholeNumber(1, 1_000_000), 20),
  /** Lead-intake requests per credential (admin token, API key) and window, sized for a CRM push. */
  API_CREDENTIAL_RATE_LIMIT: withDefault(wholeNumber(1, 1_000_000_000), 6_000),
  API_CREDENTIAL_RATE_WINDOW_SECONDS: withDefault(wholeNumber(1, 86_400), 600),
  /** Salt of stored click IP hashes (default: the signing secret). */
  IP_HASH_SALT: optional(z.string()),
  /**
   * Keys sealing payout data at rest: `id:base64(32 bytes)` entries, comma-separated; the first seals, all
   * open (docs/payout-details.md#keys). Unset: a public development key (boot warns in production).
   */
  PAYOUT_DATA_KEYS: optional(
    z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/,
        "must be id:base64key entries (32-byte keys), comma-separated",
      ),
  ),
  /** "1" lets webhooks reach loopback and private addresses (tests only). */
  WEBHOOKS_ALLOW_PRIVATE: withDefault(flag("1", "0"), false),
  /** Log level of the JSON logs: fatal, error, warn, info (default), debug, trace or silent. */
  LOG_LEVEL: withDefault(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), "info"),
  /** Bearer token of /metrics; without it the endpoint answers 404. */
  METRICS_TOKEN: optional(z.string().min(16, "METRICS_TOKEN must be at least 16 characters")),
  /** The SMTP server e-mail goes through (`smtp://` or `smtps://`); unset: messages are only kept (/admin/mail). */
  SMTP_URL: optional(
    z
      .string()
      .trim()
      .refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol), "must be an smtp:// or smtps:// URL"),
  ),
  /** The sender of every e-mail, `address` or `Name <address>`; default: the business name at no-reply@ the origin's host. */
  MAIL_FROM: optional(z.string().trim().max(320)),
});

export type Env = z.output<typeof schema>;
/** The variables this module reads, in the order docs/operations.md lists them. */
export const ENV_VARIABLES = Object.keys(schema.shape) as (keyof Env)[];

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a source (default `process.env`); throws an EnvError naming every bad variable. */
export function readEnv(source: Source = process.env): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
}

const cache = globalThis as unknown as { __rpEnv?: Env };

/** The parsed `process.env`, parsed on first use (one copy per process, like the database client). */
export function env(): Env {
  return (cache.__rpEnv ??= readEnv());
}

/** Parses `process.env` again: for tests that change a variable between cases; the app never calls it. */
export function reloadEnv(): Env {
  delete cache.__rpEnv;
  return env();
}

/**
 * The public origin set by configuration: APP_URL, else AUTH_URL, else undefined (callers then use the
 * request's host or the local server). One order for every link the app writes; docs/operations.md#public-origin.
 */
export function configuredOrigin(e: Env = env()): string | undefined {
  const url = e.APP_URL ?? e.AUTH_URL;
  return url ? new URL(url).origin : undefined;
}
