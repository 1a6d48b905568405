import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FOLDERS = ["lib", "components"];

/**
 * Names exported by more than one module, each with its reason. Empty: every exported name has one
 * home, and a second copy fails this test.
 */
const ALLOWED: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** Names a module declares and exports itself (re-exports of another module's name are not a second definition). */
export function declaredExports(text: string): string[] {
  const names = new Set<string>();
  const decl =
    /^export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|abstract\s+class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
  for (const m of text.matchAll(decl)) names.add(m[1]);
  // `export { a, b as c };` without `from`: local names exported under their (new) names, unless imported.
  const imported = new Set(
    [...text.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}/gm)].flatMap((m) =>
      m[1].split(",").map((p) =>
        p
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)
          .pop()
          ?.trim(),
      ),
    ),
  );
  for (const m of text.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}\s*;?\s*$/gm))
    for (const part of m[1].split(",")) {
      const [local, exported = local] = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .map((x) => x.trim());
      if (local && !imported.has(local)) names.add(exported);
    }
  return [...names];
}

describe("every exported name once across lib/ and components/", () => {
  it("no two modules export the same name", () => {
    const where = new Map<string, string[]>();
    for (const file of FOLDERS.flatMap(sources))
      for (const name of declaredExports(readFileSync(path.join(ROOT, file), "utf8")))
        where.set(name, [...(where.get(name) ?? []), file]);
    const dupes = [...where].filter(([name, files]) => files.length > 1 && !(name in ALLOWED));
    expect(dupes.map(([name, files]) => `${name}: ${files.join(", ")}`)).toEqual([]);
    // An allowance whose copy is gone must go too, so the list only shrinks.
    expect(Object.keys(ALLOWED).filter((name) => (where.get(name)?.length ?? 0) < 2)).toEqual([]);
  });

  it("the scan sees declarations, renamed local exports and skips re-exports", () => {
    const text = [
      "export async function listLeads() {}",
      "export const leadListSchema = 1;",
      "export interface Pagination {}",
      "export type Scope = {};",
      "const a = 1;",
      "export { a as formatMoney };",
      'export { sortParam } from "./list";',
      'import { referralPayload } from "./core";',
      "export { referralPayload };",
      'export * from "./run";',
    ].join("\n");
    expect(declaredExports(text).sort()).toEqual(["Pagination", "Scope", "formatMoney", "leadListSchema", "listLeads"]);
  });
});
