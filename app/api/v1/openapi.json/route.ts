import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { buildOpenApiDocument } from "@/lib/api/openapi";

let cached: Promise<Record<string, unknown>> | undefined;

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the routes' zod schemas. Public. */
export const GET = apiRoute(
  { auth: "public", doc: { summary: "This OpenAPI document", successStatus: 200 } },
  async () => jsonResponse(await (cached ??= buildOpenApiDocument()), 200, { "cache-control": "public, max-age=300" }),
);
