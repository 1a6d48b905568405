import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as openapiJson } from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument, HTTP_METHODS, openApiPath } from "@/lib/api/openapi";
import { API_ROUTE_MODULES } from "@/lib/api/openapi-routes";
import { call, apiSuite } from "../helpers/http";

const APP = path.join(process.cwd(), "app");
function routeFiles(dir = path.join(APP, "api", "v1")): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
    );
}
const routePathOf = (file: string) => "/" + path.relative(APP, path.dirname(file)).split(path.sep).join("/");

describe("OpenAPI document", () => {
  apiSuite();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: any;
  beforeAll(async () => {
    doc = await buildOpenApiDocument();
  });

  it("the registry lists exactly the route files under app/api/v1", () => {
    const files = routeFiles().map(routePathOf).sort();
    const registered = Object.keys(API_ROUTE_MODULES).sort();
    const missing = files.filter((f) => !registered.includes(f));
    expect(missing.map((p) => `add to lib/api/openapi-routes.ts:  "${p}": () => import("@/app${p}/route"),`)).toEqual(
      [],
    );
    expect(
      registered.filter((r) => !files.includes(r)),
      "registry entries without a route file",
    ).toEqual([]);
  });

  it("documents every exported method of every route, nothing more, and every handler goes through apiRoute", async () => {
    const exported: string[] = [];
    const unwrapped: string[] = [];
    for (const file of routeFiles()) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const m of HTTP_METHODS) {
        if (typeof mod[m] !== "function") continue;
        exported.push(`${m} ${openApiPath(routePathOf(file))}`);
        if (!(mod[m] as { meta?: unknown }).meta) unwrapped.push(`${m} ${routePathOf(file)}`);
      }
    }
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(exported.sort());
    expect(unwrapped, "route handlers not made with apiRoute()").toEqual([]);
  });

  it("describes inputs from the zod schemas: strict bodies, enums, path and query parameters, security", () => {
    const create = doc.paths["/api/v1/api-keys"].post;
    const body = create.requestBody.content["application/json"].schema;
    expect(create.requestBody.required).toBe(true);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.role.enum).toEqual(["ADMIN", "PARTNER"]);
    expect(body.required).toEqual(expect.arrayContaining(["name", "role"]));
    expect(create.responses["422"]).toBeDefined();
    expect(create.parameters.some((p: { name: string }) => p.name === "Idempotency-Key")).toBe(true);
    const list = doc.paths["/api/v1/api-keys"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["page", "pageSize"]));
    expect(list.security.length).toBeGreaterThan(0);
    expect(list["x-auth"]).toBe("admin");
    const revoke = doc.paths["/api/v1/api-keys/{id}"].delete;
    expect(revoke.parameters[0]).toMatchObject({ name: "id", in: "path", required: true });
    expect(doc.paths["/api/v1/auth/token"].post.security).toEqual([]);
    expect(doc.paths["/api/v1/auth/token"].post.responses["429"]).toBeDefined();
  });

  it("documents the bulk-approve filter as exactly the GET /rewards filters", () => {
    const listParams = (doc.paths["/api/v1/rewards"].get.parameters as { name: string; in: string }[])
      .filter((p) => p.in === "query")
      .map((p) => p.name);
    const filter =
      doc.paths["/api/v1/rewards/bulk-approve"].post.requestBody.content["application/json"].schema.properties.filter;
    expect(filter.additionalProperties).toBe(false);
    expect(Object.keys(filter.properties).sort()).toEqual(
      listParams.filter((n) => !["sort", "page", "pageSize", "cursor"].includes(n)).sort(),
    );
    expect(Object.keys(filter.properties)).toEqual(expect.arrayContaining(["type", "payoutId", "q"]));
  });

  it("documents the payout list filters, dateField included, on both payout lists", () => {
    for (const path of ["/api/v1/payouts", "/api/v1/partners/{id}/payouts"]) {
      const params = doc.paths[path].get.parameters as {
        name: string;
        in: string;
        schema: { enum?: string[]; default?: string };
      }[];
      expect(
        params.filter((p) => p.in === "query").map((p) => p.name),
        path,
      ).toEqual(expect.arrayContaining(["status", "dateField", "from", "to", "sort"]));
      expect(params.find((p) => p.name === "dateField")?.schema).toMatchObject({
        enum: ["createdAt", "paidAt"],
        default: "createdAt",
      });
    }
  });

  it("is served at /api/v1/openapi.json as OpenAPI 3.1 with every $ref resolvable", async () => {
    const res = await call(openapiJson, "GET /api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const refs = JSON.stringify(res.body).match(/"\$ref":"#\/components\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const [, , section, name] = ref.slice(8, -1).split("/");
      expect(res.body.components[section][name], ref).toBeDefined();
    }
    for (const ops of Object.values(res.body.paths) as Record<string, { operationId: string }>[])
      for (const op of Object.values(ops)) expect(op.operationId).toMatch(/^[a-z]\w+$/);
    const ids = (Object.values(res.body.paths) as Record<string, { operationId: string }>[]).flatMap((ops) =>
      Object.values(ops).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
