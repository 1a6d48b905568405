import "server-only";
import { z, type ZodType } from "zod";
import type { RouteMeta } from "./handler";
import { API_ROUTE_MODULES } from "./openapi-routes";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Json = Record<string, unknown>;

/** `/api/v1/partners/[id]` → `/api/v1/partners/{id}` */
export const openApiPath = (routePath: string) => routePath.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema; the request side for inputs. */
function jsonSchema(schema: ZodType, io: "input" | "output"): Json {
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
    return rest;
  } catch {
    return {};
  }
}

const problemRef = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function parameters(routePath: string, meta: RouteMeta | undefined, method: string): Json[] {
  const out: Json[] = [];
  const pathNames = [...routePath.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);
  const paramProps = (meta?.params ? jsonSchema(meta.params, "input").properties : undefined) as
    Record<string, Json> | undefined;
  for (const name of pathNames)
    out.push({ name, in: "path", required: true, schema: paramProps?.[name] ?? { type: "string" } });
  if (meta?.query) {
    const q = jsonSchema(meta.query, "input");
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, Json> | undefined) ?? {}))
      out.push({ name, in: "query", required: required.has(name) && !("default" in schema), schema });
  }
  if (method === "POST")
    out.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Replays the first response for 24 hours (same body); another body → 422; in flight → 409.",
      schema: { type: "string", maxLength: 255 },
    });
  return out;
}

function operation(routePath: string, method: string, meta: RouteMeta | undefined): Json {
  const tag = routePath.split("/")[3] ?? "api";
  const doc = meta?.doc ?? {};
  const auth = meta?.auth ?? "public";
  const op: Json = {
    operationId: `${method.toLowerCase()}${routePath.replace(/\/api\/v1/, "").replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    tags: [tag],
    summary: doc.summary ?? `${method} ${openApiPath(routePath).replace("/api/v1", "")}`,
    ...(doc.description ? { description: doc.description } : {}),
    "x-auth": auth,
    security: auth === "public" ? [] : [{ bearerToken: [] }, { apiKeyHeader: [] }, { sessionCookie: [] }],
  };
  const params = parameters(routePath, meta, method);
  if (params.length) op.parameters = params;
  if (meta?.body) {
    const accepts = meta.body.safeParse(undefined).success;
    op.requestBody = {
      required: !accepts,
      content: {
        "application/json": { schema: jsonSchema(meta.body, "input") },
        ...(meta.upload
          ? {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: [meta.upload.field],
                  properties: { [meta.upload.field]: { type: "string", format: "binary" } },
                  description: `The file's text stands for \`${meta.upload.as}\`; other fields as in the JSON body`,
                },
              },
            }
          : {}),
      },
    };
  }
  const success: Json = {
    description: "Success",
    content: { "application/json": { schema: doc.response ? jsonSchema(doc.response, "output") : { type: "object" } } },
  };
  const responses: Json = { [doc.successStatus ? String(doc.successStatus) : "2XX"]: success };
  if (meta?.body || meta?.query || meta?.params)
    responses["400"] = problemRef("Invalid input: every bad field is named in `errors`");
  if (auth !== "public") {
    responses["401"] = problemRef("No valid credentials");
    responses["403"] = problemRef(
      auth === "any" ? "Cross-origin cookie request" : `Only for ${auth === "admin" ? "admins" : "partners"}`,
    );
  }
  if (routePath.includes("[")) responses["404"] = problemRef("Not found (or another partner's)");
  if (method !== "GET") responses["409"] = problemRef("Conflict or invalid state");
  if (meta?.body) {
    responses["413"] = problemRef("Body over 1 MB");
    responses["415"] = problemRef(meta.upload ? "Body is neither JSON nor multipart/form-data" : "Body is not JSON");
  }
  if (method === "POST") responses["422"] = problemRef("Idempotency-Key reused with another body");
  if (meta?.rateLimited || routePath.endsWith("/auth/token"))
    responses["429"] = problemRef("Rate limited; see Retry-After");
  op.responses = responses;
  return op;
}

/** The OpenAPI 3.1 document of every /api/v1 route, built from the same zod schemas the routes parse with. */
export async function buildOpenApiDocument(): Promise<Json> {
  const paths: Record<string, Json> = {};
  for (const [routePath, load] of Object.entries(API_ROUTE_MODULES)) {
    const mod = await load();
    for (const method of HTTP_METHODS) {
      const handler = mod[method] as ((...a: unknown[]) => unknown) & { meta?: RouteMeta };
      if (typeof handler !== "function") continue;
      (paths[openApiPath(routePath)] ??= {})[method.toLowerCase()] = operation(routePath, method, handler.meta);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner Referral Program API",
      version: "1.0.0",
      description:
        "Partners, referrals, rewards, payouts, leads and webhooks. Authenticate with `Authorization: Bearer <token>` (POST /api/v1/auth/token) or an API key (`Bearer rp_…` or `X-API-Key`). Errors are RFC 9457 problem+json. Money is integer cents plus currency.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(Object.keys(paths).map((p) => p.split("/")[3]))].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", bearerFormat: "JWT or rp_ API key" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                required: ["path", "message"],
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}
