import "server-only";
import type { z, ZodType } from "zod";
import type { DbOrTx } from "@/db";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { getPartner } from "@/lib/partners/queries";
import type { ListResult, Scope } from "@/lib/query/list";
import { apiRoute, type ApiDoc, type ApiRouteHandler } from "./handler";
import { pageOf } from "./response-schemas";
import { idParams } from "./schemas";
import { found, scopeOf } from "./scope";
import { serializePage } from "./serializers";

/**
 * The read doors every resource of /api/v1 has in common, so each route file holds only what is its own:
 * read one by id, list, and list one partner's rows. Each reads within the caller's scope (scopeOf), so a
 * partner asking for another partner's row gets the same 404 as for a missing one.
 */

/** How the API reads and answers one resource (lib/api/resources.ts): G a row read by id, L a list row. */
export interface ApiResource<G, L = G> {
  /** The name a 404 gives ("Partner"). */
  name: string;
  /** The JSON of one row, for the OpenAPI document. */
  json: ZodType;
  /** One row; null when it is absent or outside the scope. */
  get: (db: DbOrTx, scope: Scope, id: string) => Promise<G | null>;
  list: (db: DbOrTx, scope: Scope, input: Record<string, unknown>) => Promise<ListResult<L>>;
  /** The list's query parameters (docs/api.md#lists). */
  listQuery: z.ZodObject;
  serialize: (row: G | L) => object;
}

/** Declares a resource, its fields in the order of `ApiResource` (the types of its rows inferred). */
export const apiResource = <G, L>(
  name: string,
  json: ZodType,
  get: ApiResource<G, L>["get"],
  list: ApiResource<G, L>["list"],
  listQuery: z.ZodObject,
  serialize: ApiResource<G, L>["serialize"],
): ApiResource<G, L> => ({ name, json, get, list, listQuery, serialize });

/** A partner sending fields only the program team sets gets 400 naming each, never a silent partial update. */
export function refuseTeamOnlyFields(scope: Scope, sent: string[]): void {
  if (!scope.partnerId || sent.length === 0) return;
  throw new AppError("validation", `Partners cannot change ${sent.join(", ")}`, {
    errors: sent.map((path) => ({ path, message: "Only the program team can change this" })),
  });
}

/** The row as the API answers it, or a 404 when it is absent or outside the scope. */
export async function readResource<G, L>(r: ApiResource<G, L>, db: DbOrTx, scope: Scope, id: string): Promise<object> {
  return r.serialize(found(await r.get(db, scope, id), r.name));
}

/**
 * A change to one row the caller can see: 404 when it is absent or outside the scope, else `act`, then the
 * row as it reads now (within the same scope).
 */
export async function changeResource<G, L>(
  r: ApiResource<G, L>,
  db: DbOrTx,
  scope: Scope,
  id: string,
  act: () => Promise<unknown>,
): Promise<object> {
  found(await r.get(db, scope, id), r.name);
  await act();
  return readResource(r, db, scope, id);
}

/** GET /<resource>/{id}: any signed-in caller, within its scope. */
export function getByIdRoute<G, L>(r: ApiResource<G, L>, summary: string): ApiRouteHandler {
  return apiRoute(
    { auth: "any", doc: { summary, response: r.json, successStatus: 200 }, params: idParams },
    async ({ db, principal, params }) => readResource(r, db, scopeOf(principal), params.id),
  );
}

/** GET /<resource>: the list with its filters, sort and pages, within the caller's scope. */
export function listRoute<G, L>(r: ApiResource<G, L>, summary: string): ApiRouteHandler {
  return apiRoute(
    { auth: "any", doc: { summary, response: pageOf(r.json), successStatus: 200 }, query: r.listQuery },
    async ({ db, principal, query }) => serializePage(await r.list(db, scopeOf(principal), query), r.serialize),
  );
}

/** GET /partners/{id}/<resource>: one partner's rows, with the filters of GET /<resource>; another partner's id → 404. */
export function partnerListRoute<G, L>(r: ApiResource<G, L>, summary: string): ApiRouteHandler {
  return apiRoute(
    {
      auth: "any",
      doc: { summary, response: pageOf(r.json), successStatus: 200 },
      params: idParams,
      query: r.listQuery.omit({ partnerId: true }),
    },
    async ({ db, principal, params, query }) => {
      const scope = scopeOf(principal);
      found(await getPartner(db, scope, params.id), "Partner");
      return serializePage(await r.list(db, scope, { ...query, partnerId: params.id }), r.serialize);
    },
  );
}

/**
 * POST /<resource>/{id}/<action> (admins): parses `body`, runs `act(db, id, body, actor)` on that row (its 404,
 * 409 or 400 come from the domain function) and answers with `answer` of the result.
 */
export function adminActionRoute<B extends ZodType, R>(
  doc: ApiDoc,
  body: B,
  act: (db: DbOrTx, id: string, body: z.output<B>, actor: Actor) => Promise<R>,
  answer: (result: R) => object,
): ApiRouteHandler {
  return apiRoute({ auth: "admin", doc, params: idParams, body }, async ({ db, actor, params, body }) =>
    answer(await act(db, params.id, body as z.output<B>, actor)),
  );
}
