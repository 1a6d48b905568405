/**
 * Every server action that a page can call has a Playwright test that clicks it.
 *
 * Server actions are the exports of modules whose first statement is "use server": every app/**\/actions.ts, and
 * any other such module under app/ or lib/ (lib/auth/actions.ts holds sign-in, sign-up and the API-key actions).
 * A spec under e2e/ names the action it clicks with `covers(...)` from e2e/fixtures.ts, which annotates the test:
 *
 *   test("approve one reward", async ({ adminPage }) => { covers("approveRewardAction"); … });
 *
 * or with a literal annotation `{ type: "action", description: "approveRewardAction" }`. This test fails naming each action that no spec
 * names, and each name in a spec that is not an action (a renamed or removed action).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

function isServerModule(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return (
    !!first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server"
  );
}

/** Exported functions and exported consts (the `adminAction(...)` wrappers) of a "use server" module. */
function exportedActions(source: ts.SourceFile): string[] {
  const names: string[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (!exported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  }
  return names;
}

/** The server actions, as { name → files that export it }. */
function serverActions(): Map<string, string[]> {
  const actions = new Map<string, string[]>();
  const files = ["app", "lib"].flatMap((dir) => walk(path.join(ROOT, dir), (f) => /\.tsx?$/.test(f)));
  for (const file of files) {
    const source = parse(file);
    if (!isServerModule(source)) continue;
    for (const name of exportedActions(source))
      actions.set(name, [...(actions.get(name) ?? []), path.relative(ROOT, file)]);
  }
  return actions;
}

/** Names a spec gives as covered: arguments of covers("…", …) and literal { type: "action", description: "…" }. */
function namedInSpecs(): Map<string, string[]> {
  const named = new Map<string, string[]>();
  const add = (name: string, file: string) => named.set(name, [...(named.get(name) ?? []), file]);
  for (const file of walk(path.join(ROOT, "e2e"), (f) => f.endsWith(".spec.ts"))) {
    const rel = path.relative(ROOT, file);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "covers")
        for (const arg of node.arguments) if (ts.isStringLiteralLike(arg)) add(arg.text, rel);
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (key: string) =>
          node.properties.find(
            (p): p is ts.PropertyAssignment =>
              ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key,
          )?.initializer;
        const type = prop("type");
        const description = prop("description");
        if (type && ts.isStringLiteralLike(type) && type.text === "action" && description)
          if (ts.isStringLiteralLike(description)) add(description.text, rel);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return named;
}

describe("every server action has a clicking e2e test", () => {
  const actions = serverActions();
  const named = namedInSpecs();

  it("finds the server actions", () => {
    // A floor, so a parsing mistake that finds nothing cannot pass the checks below.
    expect(actions.size).toBeGreaterThanOrEqual(40);
    expect(actions.get("changeLeadStatusAction")).toEqual(["app/(admin)/admin/leads/actions.ts"]);
  });

  it("names no action twice across modules", () => {
    const twice = [...actions].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files}`);
    expect(twice, "an action name must be unique so a spec can name it").toEqual([]);
  });

  it("has an e2e test naming each action", () => {
    const missing = [...actions.keys()].filter((name) => !named.has(name)).sort();
    expect(missing, `server actions that no e2e spec names: ${missing.join(", ")}`).toEqual([]);
  });

  it("names only actions that exist", () => {
    const unknown = [...named].filter(([name]) => !actions.has(name)).map(([name, files]) => `${name} (${files})`);
    expect(unknown, "e2e specs name these as actions, but no server module exports them").toEqual([]);
  });
});
