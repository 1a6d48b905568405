import "server-only";
import { randomUUID } from "node:crypto";
import type { z, ZodType } from "zod";
import { getDb, type Db } from "@/db";
import { publicActor, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { findNul } from "@/lib/validation";
import { getSettings, type Settings } from "@/lib/settings";
import { authenticateRequest, type Principal } from "./authenticate";
import { clientIp } from "@/lib/ratelimit/client-ip";
import { claimIdempotencyKey, completeIdempotencyKey, parseIdempotencyKey, requestHash } from "./idempotency";
import { readJsonBody, readJsonOrUploadBody, queryObject, type UploadOption } from "./parse";
import { appErrorFromDb, isZodError, problem, zodToAppError } from "./problem";
import { hitRateLimit, rateLimitHeaders, type RateLimitResult } from "@/lib/ratelimit";
import { envLimits } from "@/lib/ratelimit/limits";
import { log } from "@/lib/obs/log";
import { observeRequest, routeLabel } from "@/lib/obs/metrics";

export type AuthMode = "public" | "any" | "admin" | "partner";
export type { Principal } from "./authenticate";

type PrincipalFor<A extends AuthMode> = A extends "public"
  ? Principal | null
  : A extends "partner"
    ? Principal & { role: "PARTNER"; partnerId: string }
    : A extends "admin"
      ? Principal & { role: "ADMIN" }
      : Principal;

type Parsed<S, Fallback> = S extends ZodType ? z.output<S> : Fallback;

export interface RateLimitOption {
  /** Name of the counter, e.g. "leads". The key is `<bucket>:<client IP>`. */
  bucket: string;
  limit: number | ((s: Settings) => number);
  windowSeconds: number | ((s: Settings) => number);
  /**
   * Authenticated callers (bearer token, API key, session) count per credential in `<bucket>-credential:<id>`
   * with the integration limit (lib/ratelimit/limits.ts) instead of in their address's bucket.
   */
  perCredential?: boolean;
}

export interface RouteOptions<A extends AuthMode, B, Q, P> {
  /** Who may call: "public", "any" signed-in caller, "admin" (default) or "partner". */
  auth?: A;
  body?: B;
  query?: Q;
  params?: P;
  rateLimit?: RateLimitOption;
  /** Also take multipart/form-data with this file field (the body schema then sees its text as `as`). */
  upload?: UploadOption;
  /** For the OpenAPI document (/api/v1/openapi.json, /docs/api). */
  doc?: ApiDoc;
}

export interface ApiDoc {
  summary?: string;
  description?: string;
  /** Zod schema of the success body (documented only; responses are not re-validated). */
  response?: ZodType;
  /** The success status when it is fixed (e.g. 201); otherwise documented as 2XX. */
  successStatus?: number;
}

/** What the OpenAPI generator reads off a handler made by apiRoute. */
export interface RouteMeta {
  auth: AuthMode;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  rateLimited: boolean;
  upload?: UploadOption;
  doc: ApiDoc;
}
export type ApiRouteHandler = RouteHandler & { meta: RouteMeta };

export interface ApiContext<A extends AuthMode, B, Q, P> {
  req: Request;
  url: URL;
  db: Db;
  actor: Actor;
  principal: PrincipalFor<A>;
  body: Parsed<B, undefined>;
  query: Parsed<Q, Record<string, string | string[]>>;
  params: Parsed<P, Record<string, string>>;
  requestId: string;
  ip: string;
  /** Program settings, read at most once per request (the rate limit may already have read them). */
  settings: () => Promise<Settings>;
}

/** A 201 answer (`return created(partner)`). */
export class Created {
  constructor(
    readonly body: unknown,
    readonly headers?: HeadersInit,
  ) {}
}
export const created = (body: unknown, headers?: HeadersInit) => new Created(body, headers);

export type HandlerResult = Response | Created | object | null | undefined;
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (req: Request, context: RouteContext) => Promise<Response>;

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * The one wrapper every /api/v1 route handler uses: authenticates (bearer JWT, API key or session cookie
 * with an Origin check), checks the role (403 before any ownership check), rate-limits, parses params,
 * query and body with zod (strict schemas name every bad field), and turns every error into problem+json.
 * The handler returns a plain object (200), `created(obj)` (201), null (204) or its own Response.
 */
export function apiRoute<
  A extends AuthMode = "admin",
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
>(
  opts: RouteOptions<A, B, Q, P>,
  handler: (ctx: ApiContext<A, B, Q, P>) => Promise<HandlerResult> | HandlerResult,
): ApiRouteHandler {
  const mode: AuthMode = opts.auth ?? "admin";
  const meta: RouteMeta = {
    auth: mode,
    body: opts.body,
    query: opts.query,
    params: opts.params,
    rateLimited: !!opts.rateLimit,
    upload: opts.upload,
    doc: opts.doc ?? {},
  };
  const route: RouteHandler = async (req, context) => {
    const started = performance.now();
    let limitHeaders: Record<string, string> = {};
    let actor: Actor | undefined;
    const res = await answer(
      req,
      context,
      (h) => (limitHeaders = h),
      (a) => (actor = a),
    );
    for (const [k, v] of Object.entries(limitHeaders)) {
      try {
        res.headers.set(k, v);
      } catch {
        // Immutable headers (e.g. Response.redirect): leave them.
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const pathname = new URL(req.url).pathname;
    observeRequest(req.method, pathname, res.status, seconds);
    log().info(
      {
        requestId: res.headers.get("x-request-id"),
        method: req.method,
        route: routeLabel(pathname),
        status: res.status,
        ms: Math.round(seconds * 10_000) / 10,
        actorType: actor?.type ?? "PUBLIC",
        actorId: actor?.id ?? null,
      },
      "request",
    );
    return res;
  };
  const answer = async (
    req: Request,
    context: RouteContext,
    setLimitHeaders: (h: Record<string, string>) => void,
    setActor: (a: Actor) => void,
  ): Promise<Response> => {
    const incomingId = req.headers.get("x-request-id");
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const url = new URL(req.url);
    try {
      const db = await getDb();
      const ip = clientIp(req.headers);
      let settingsOnce: Promise<Settings> | undefined;
      const settings = () => (settingsOnce ??= getSettings(db));
      const auth = await authorize(db, req, requestId, mode);
      if (auth) setActor(auth.actor);
      if (opts.rateLimit) {
        const r = await applyRateLimit(db, opts.rateLimit, auth?.principal ?? null, ip, settings);
        setLimitHeaders(rateLimitHeaders(r));
        if (!r.allowed)
          throw new AppError("rate_limited", "Too many requests; try again later", {
            retryAfterSeconds: r.retryAfterSeconds,
          });
      }
      const rawParams = Object.fromEntries(
        Object.entries((await context?.params) ?? {}).filter(([, v]) => v !== undefined),
      );
      const params = opts.params ? parseWith(opts.params, rawParams, "params") : rawParams;
      const query = opts.query ? parseWith(opts.query, queryObject(url), "query") : queryObject(url);
      if (!opts.query) refuseNul(query, "query");
      const rawBody = !opts.body
        ? undefined
        : opts.upload
          ? await readJsonOrUploadBody(req, opts.upload)
          : await readJsonBody(req);
      const body = opts.body ? parseWith(opts.body, rawBody, "body") : undefined;
      const ctx = {
        req,
        url,
        db,
        ip,
        requestId,
        settings,
        actor: auth?.actor ?? publicActor(requestId),
        principal: auth?.principal ?? null,
        params,
        query,
        body,
      };
      const run = async () => toResponse(await handler(ctx as ApiContext<A, B, Q, P>), requestId);
      const idemKey = req.method === "POST" ? parseIdempotencyKey(req.headers.get("idempotency-key")) : null;
      if (!idemKey) return await run();
      return await withIdempotency(
        db,
        idemKeyScope(auth?.principal ?? null, ip),
        idemKey,
        req.method,
        url.pathname,
        rawBody,
        run,
        requestId,
      );
    } catch (e) {
      return errorResponse(e, requestId, url.pathname);
    }
  };
  return Object.assign(route, { meta });
}

/** Idempotency keys belong to the caller: one integration cannot replay another's responses. */
function idemKeyScope(p: Principal | null, ip: string): string {
  if (!p) return `ip:${ip}`;
  return p.apiKeyId ? `key:${p.apiKeyId}` : `user:${p.userId}`;
}

/** Optional `Idempotency-Key` on POST: replay, 422 on another body, 409 while the first is in flight (24 h). */
async function withIdempotency(
  db: Db,
  scope: string,
  key: string,
  method: string,
  path: string,
  rawBody: unknown,
  run: () => Promise<Response>,
  requestId: string,
) {
  const claim = await claimIdempotencyKey(db, scope, key, method, path, requestHash(method, path, rawBody ?? null));
  if (claim.kind === "replay") {
    claim.response.headers.set("x-request-id", requestId);
    return claim.response;
  }
  let res: Response;
  try {
    res = await run();
  } catch (e) {
    res = errorResponse(e, requestId, path);
  }
  return completeIdempotencyKey(db, scope, key, res);
}

async function authorize(db: Db, req: Request, requestId: string, mode: AuthMode) {
  if (mode === "public") return authenticateRequest(db, req, requestId).catch(() => null);
  const auth = await authenticateRequest(db, req, requestId);
  if (!auth) throw new AppError("unauthorized", "Sign in, or send a bearer token or an API key");
  if (mode === "admin" && auth.principal.role !== "ADMIN")
    throw new AppError("forbidden", "This endpoint is for admins");
  if (mode === "partner" && (auth.principal.role !== "PARTNER" || !auth.principal.partnerId))
    throw new AppError("forbidden", "This endpoint is for partners");
  return auth;
}

async function applyRateLimit(
  db: Db,
  rl: RateLimitOption,
  principal: Principal | null,
  ip: string,
  settings: () => Promise<Settings>,
): Promise<RateLimitResult> {
  const credential = rl.perCredential && principal ? (principal.apiKeyId ?? principal.userId) : null;
  if (credential) {
    const env = envLimits();
    return hitRateLimit(
      db,
      `${rl.bucket}-credential:${credential}`,
      env.apiCredentialRateLimit,
      env.apiCredentialRateWindowSeconds,
    );
  }
  const needsSettings = typeof rl.limit === "function" || typeof rl.windowSeconds === "function";
  const s = needsSettings ? await settings() : undefined;
  const limit = typeof rl.limit === "function" ? rl.limit(s!) : rl.limit;
  const windowSeconds = typeof rl.windowSeconds === "function" ? rl.windowSeconds(s!) : rl.windowSeconds;
  return hitRateLimit(db, `${rl.bucket}:${ip}`, limit, windowSeconds);
}

function parseWith(schema: ZodType, value: unknown, root: string) {
  refuseNul(value, root);
  const r = schema.safeParse(value);
  if (!r.success) throw zodToAppError(r.error, root);
  return r.data;
}

/** NUL in any value (PostgreSQL cannot store it) is a 400 naming the field, whatever the schema says. */
function refuseNul(value: unknown, root: string) {
  const at = findNul(value);
  if (at) {
    // Like schema errors: the field's own path, the root only when the value itself is at fault.
    const path = at.join(".") || root;
    throw new AppError("validation", `${path} contains a NUL character`, {
      errors: [{ path, message: "Must not contain NUL characters" }],
    });
  }
}

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  if (!h.has("cache-control")) h.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: h });
}

function toResponse(result: HandlerResult, requestId: string): Response {
  let res: Response;
  if (result instanceof Response) res = result;
  else if (result instanceof Created) res = jsonResponse(result.body, 201, result.headers);
  else if (result === null || result === undefined) res = new Response(null, { status: 204 });
  else res = jsonResponse(result);
  try {
    res.headers.set("x-request-id", requestId);
  } catch {
    // Immutable headers (e.g. Response.redirect): leave them.
  }
  return res;
}

export function errorResponse(e: unknown, requestId: string, instance?: string): Response {
  if (e instanceof AppError) return problem(e, { requestId, instance });
  if (isZodError(e)) return problem(zodToAppError(e), { requestId, instance });
  const fromDb = appErrorFromDb(e);
  if (fromDb) {
    log().warn({ requestId, err: e }, "database refused input");
    return problem(fromDb, { requestId, instance });
  }
  log().error(
    { requestId, err: e instanceof Error ? { type: e.name, message: e.message, stack: e.stack } : e },
    "unhandled error",
  );
  return problem(new AppError("internal", "Something went wrong; the request id identifies it in the logs"), {
    requestId,
    instance,
  });
}
