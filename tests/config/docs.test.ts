import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERFORMANCE_DOC, writePerformanceDoc, type Report } from "@/bench/report";

/**
 * The project documents itself: a short README, docs/ pages whose links resolve, source comments that cite
 * docs/ (never an outside document or a ticket number), and a benchmark that writes docs/performance.md only.
 */
const root = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "lib", "components", "db", "scripts", "tests", "e2e", "bench"];
const SKIP_DIRS = new Set(["node_modules", ".next", "results"]);
const SOURCE_EXT = /\.(ts|tsx|mts|mjs|js|cjs|css)$/;

function walk(dir: string, keep: (f: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : walk(p, keep);
    return keep(p) ? [p] : [];
  });
}

const rel = (p: string) => path.relative(root, p);
const markdownFiles = () => [path.join(root, "README.md"), ...walk(path.join(root, "docs"), (f) => f.endsWith(".md"))];
const sourceFiles = () => [
  ...SOURCE_DIRS.flatMap((d) => walk(path.join(root, d), (f) => SOURCE_EXT.test(f))),
  ...fs
    .readdirSync(root)
    .filter((f) => SOURCE_EXT.test(f))
    .map((f) => path.join(root, f)),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces → hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** `null` when `target` (a path relative to `from`, maybe with `#anchor`) names an existing file and heading. */
function brokenLink(from: string, target: string): string | null {
  const [file, anchor] = target.split("#") as [string, string | undefined];
  const resolved = file ? path.resolve(path.dirname(from), decodeURIComponent(file)) : from;
  if (!fs.existsSync(resolved)) return `${target}: no such file`;
  if (anchor && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor)) return `${target}: no such heading`;
  return null;
}

/** The comments of a source file (line and block), with the line each starts on. */
function commentsOf(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  for (const m of text.matchAll(/\/\*[\s\S]*?\*\/|(?<![:"'`\\])\/\/[^\n]*/g))
    out.push({ line: text.slice(0, m.index).split("\n").length, text: m[0] });
  return out;
}

// Spelled in pieces so that this file does not match itself.
const FORBIDDEN: [RegExp, string][] = [
  [new RegExp(`\\b${"CON"}TRACT\\b|\\bthe ${"con"}tract\\b|\\b${"con"}tract's\\b`, "i"), "an outside contract"],
  [new RegExp(`\\bthe ${"seed"}'s\\b|\\(${"seed"}\\)|\\b${"seed"} (body|format|flow)\\b`, "i"), "the outside seed"],
  [new RegExp(`\\.\\./${"shared"}|\\b${"shared"}/[A-Z]`), "a folder outside the repository"],
  [new RegExp(`\\b${"issue"}s?\\s*#?\\d+|\\b${"item"} \\d+ of|(^|[\\s(\\w-])#\\d+\\b`, "i"), "a ticket number"],
];

describe("documentation", () => {
  it("keeps the README under 10 KB", () => {
    expect(fs.statSync(path.join(root, "README.md")).size).toBeLessThan(10_000);
  });

  it("has an index in docs/ that links every page", () => {
    const index = fs.readFileSync(path.join(root, "docs", "README.md"), "utf8");
    const pages = fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(pages.filter((p) => !index.includes(`](${p})`))).toEqual([]);
  });

  it("resolves every relative link of the README and docs/", () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const why = brokenLink(file, target);
        if (why) broken.push(`${rel(file)}: ${why}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("names only files and folders that exist, in backticks in the README and docs/", () => {
    const missing: string[] = [];
    for (const file of markdownFiles())
      for (const m of fs.readFileSync(file, "utf8").matchAll(/`([^`\n]+)`/g)) {
        const p = m[1];
        if (!/^(app|lib|components|db|scripts|tests|e2e|bench|docs|drizzle)\/[\w\-./[\]()]*$/.test(p)) continue;
        if (!fs.existsSync(path.join(root, p))) missing.push(`${rel(file)}: ${p}`);
      }
    expect(missing).toEqual([]);
  });

  it("finds every docs/ page and heading that a source comment cites", () => {
    const broken: string[] = [];
    for (const file of sourceFiles())
      for (const c of commentsOf(fs.readFileSync(file, "utf8")))
        for (const m of c.text.matchAll(/\bdocs\/([\w-]+\.md)(#[\w-]+)?/g)) {
          const why = brokenLink(path.join(root, "docs", "x"), `${m[1]}${m[2] ?? ""}`);
          if (why) broken.push(`${rel(file)}:${c.line}: ${why}`);
        }
    expect(broken).toEqual([]);
  });

  it("has no source comment that cites an outside document or a ticket number", () => {
    const self = path.resolve(import.meta.filename);
    const found: string[] = [];
    for (const file of sourceFiles()) {
      if (file === self) continue;
      for (const c of commentsOf(fs.readFileSync(file, "utf8")))
        for (const [re, what] of FORBIDDEN)
          if (re.test(c.text)) found.push(`${rel(file)}:${c.line}: cites ${what}: ${c.text.slice(0, 100)}`);
    }
    expect(found).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    const flagged = (comment: string) => FORBIDDEN.some(([re]) => commentsOf(comment).some((c) => re.test(c.text)));
    expect(flagged(`// as ${"CON"}TRACT.md requires`)).toBe(true);
    expect(flagged(`/** the ${"seed"}'s body */`)).toBe(true);
    expect(flagged(`// see ${"issue"} 11`)).toBe(true);
    expect(flagged(`// upstream: drizzle-orm#${6096}`)).toBe(true);
    expect(flagged("// the demo data of db/seed.ts; docs/api.md#lists")).toBe(false);
    expect(flagged('const color = "#1d5fd6"; // brand blue')).toBe(false);
  });
});

describe("npm run bench", () => {
  it("never writes the README", () => {
    const writers = walk(path.join(root, "bench"), (f) => f.endsWith(".ts")).filter((f) =>
      /README/.test(fs.readFileSync(f, "utf8")),
    );
    expect(writers.map(rel)).toEqual([]);
  });

  it("writes its latest run into docs/performance.md between the markers and keeps the rest", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-doc-"));
    try {
      fs.mkdirSync(path.join(tmp, "docs"));
      const original = fs.readFileSync(path.join(root, PERFORMANCE_DOC), "utf8");
      fs.writeFileSync(path.join(tmp, PERFORMANCE_DOC), original);
      fs.writeFileSync(path.join(tmp, "README.md"), "# untouched\n");
      const report: Report = {
        startedAt: "2030-01-02T03:04:05.000Z",
        machine: "test machine",
        options: {},
        data: { referrals: 123, partners: 4 },
        lines: [{ name: "Lead capture", via: "HTTP", value: "9 req/s", target: "> 1 req/s", ok: true }],
        details: {},
        notes: ["a note"],
      };
      const file = writePerformanceDoc(tmp, report);
      expect(file).toBe(path.join(tmp, PERFORMANCE_DOC));
      const written = fs.readFileSync(path.join(tmp, PERFORMANCE_DOC), "utf8");
      expect(written).toContain("Latest run: 2030-01-02T03:04:05.000Z, 123 referrals, 4 partners.");
      expect(written).toContain("| Lead capture | HTTP | 9 req/s | > 1 req/s | met");
      expect(written).not.toContain("Latest run: 2026-");
      const outside = (s: string) => s.replace(/<!-- bench:latest:start -->[\s\S]*<!-- bench:latest:end -->/, "");
      expect(outside(written)).toBe(outside(original));
      expect(fs.readFileSync(path.join(tmp, "README.md"), "utf8")).toBe("# untouched\n");
      expect(fs.readdirSync(tmp).sort()).toEqual(["README.md", "docs"]);
      expect(fs.readdirSync(path.join(tmp, "docs"))).toEqual(["performance.md"]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
