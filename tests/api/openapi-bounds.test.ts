import type { ZodType } from "zod";
import { describe, expect, it } from "vitest";
import type { RouteMeta } from "@/lib/api/handler";
import { buildOpenApiDocument, HTTP_METHODS, openApiPath } from "@/lib/api/openapi";
import { API_ROUTE_MODULES } from "@/lib/api/openapi-routes";
import { majorToCents } from "@/lib/money";
import { MAJOR_AMOUNT_TEXT } from "@/lib/amounts";

type Json = Record<string, unknown>;
interface Leaf {
  where: string;
  path: string[];
  schema: Json;
  /** Query values travel as text. */
  text: boolean;
}

/** Every number and plain-string leaf of a JSON Schema (through objects and anyOf), with its path. */
function leaves(schema: Json, path: string[], where: string, text: boolean, out: Leaf[]) {
  for (const alt of (schema.anyOf as Json[] | undefined) ?? []) leaves(alt, path, where, text, out);
  if (schema.type === "object")
    for (const [k, v] of Object.entries((schema.properties as Record<string, Json>) ?? {}))
      leaves(v, [...path, k], where, text, out);
  // zod writes a union of bare types as one schema with a list of types.
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  for (const type of types)
    if (type === "integer" || type === "number" || type === "string")
      out.push({ where, path, schema: { ...schema, type }, text });
}

const nest = (path: string[], v: unknown): unknown => path.reduceRight<unknown>((acc, k) => ({ [k]: acc }), v);
/** Whether the route's own schema reports a problem at exactly this field. */
function refuses(schema: ZodType, leaf: Leaf, value: unknown): boolean {
  const r = schema.safeParse(nest(leaf.path, leaf.text ? String(value) : value));
  return !r.success && r.error.issues.some((i) => i.path.join(".") === leaf.path.join("."));
}

async function documentedLeaves() {
  const doc = (await buildOpenApiDocument()) as { paths: Record<string, Record<string, Json>> };
  const out: { leaf: Leaf; schema: ZodType }[] = [];
  for (const [routePath, load] of Object.entries(API_ROUTE_MODULES)) {
    const mod = await load();
    for (const method of HTTP_METHODS) {
      const meta = (mod[method] as { meta?: RouteMeta } | undefined)?.meta;
      if (!meta) continue;
      const op = doc.paths[openApiPath(routePath)][method.toLowerCase()];
      const where = `${method} ${openApiPath(routePath)}`;
      const found: Leaf[] = [];
      const body = (op.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content[
        "application/json"
      ].schema;
      if (body && meta.body) leaves(body, [], `${where} body`, false, found);
      for (const l of found) out.push({ leaf: l, schema: meta.body! });
      if (meta.query)
        for (const p of (op.parameters as Json[]).filter((p) => p.in === "query")) {
          const q: Leaf[] = [];
          leaves(p.schema as Json, [p.name as string], `${where} query`, true, q);
          for (const l of q) out.push({ leaf: l, schema: meta.query });
        }
    }
  }
  return out;
}

describe("OpenAPI bounds are the server's bounds", () => {
  it("every number in a request has a documented minimum and maximum, and the schema refuses just past them", async () => {
    const all = (await documentedLeaves()).filter(({ leaf }) => leaf.schema.type !== "string");
    expect(all.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const { leaf, schema } of all) {
      const name = `${leaf.where} ${leaf.path.join(".")}`;
      const { minimum: min, maximum: max } = leaf.schema as { minimum?: number; maximum?: number };
      if (typeof min !== "number" || typeof max !== "number") {
        wrong.push(`${name}: no documented minimum/maximum`);
        continue;
      }
      if (Math.abs(min) >= Number.MAX_SAFE_INTEGER || Math.abs(max) >= Number.MAX_SAFE_INTEGER) {
        wrong.push(`${name}: bound ${min}..${max} is the number type's, not the server's`);
        continue;
      }
      // One cent (or one unit) inside and outside each documented bound.
      const step = leaf.schema.type === "integer" ? 1 : 0.01;
      if (refuses(schema, leaf, max)) wrong.push(`${name}: documented maximum ${max} is refused`);
      if (!refuses(schema, leaf, max + step * Math.max(1, max / 1e13))) wrong.push(`${name}: ${max} + ε accepted`);
      if (min !== 0 || leaf.schema.type === "integer")
        if (refuses(schema, leaf, min === 0 && step === 1 ? 1 : min)) wrong.push(`${name}: minimum ${min} refused`);
      if (!refuses(schema, leaf, min - step * Math.max(1, Math.abs(min) / 1e13)))
        wrong.push(`${name}: below ${min} accepted`);
    }
    expect(wrong).toEqual([]);
  });

  it("every plain text field's maximum length is where the schema starts refusing", async () => {
    const all = (await documentedLeaves()).filter(
      ({ leaf }) =>
        leaf.schema.type === "string" &&
        typeof leaf.schema.maxLength === "number" &&
        !leaf.schema.format &&
        !leaf.schema.pattern &&
        !leaf.schema.enum,
    );
    expect(all.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const { leaf, schema } of all) {
      const max = leaf.schema.maxLength as number;
      const name = `${leaf.where} ${leaf.path.join(".")}`;
      if (!refuses(schema, leaf, "x".repeat(max + 1))) wrong.push(`${name}: ${max + 1} characters accepted`);
      if (refuses(schema, leaf, "x".repeat(max))) wrong.push(`${name}: ${max} characters refused`);
    }
    expect(wrong).toEqual([]);
  });

  it("money as text: the documented pattern and the server agree, surrounding whitespace trimmed", () => {
    const pattern = new RegExp(MAJOR_AMOUNT_TEXT);
    for (const text of [" 10 ", "10", "10.5", "\t1000.00\n", ".5", "0"]) {
      expect(pattern.test(text), text).toBe(true);
      expect(majorToCents(text)).toBe(Math.round(Number(text.trim()) * 100));
    }
    for (const text of ["1 0", "10.001", "-1", "1e3", "0x10", "", " ", "$10", "10,00"]) {
      expect(pattern.test(text), text).toBe(false);
      expect(() => majorToCents(text), text).toThrow();
    }
  });
});
