import { gzipSync } from "node:zlib";
import type { BenchContext } from "./context";

/**
 * The JavaScript a page sends (docs/performance.md#page-weight): the page's HTML as the signed-in user sees it, every
 * `<script src>` in it (the chunks of the production build the browser loads before the page runs), each chunk gzipped
 * on its own with node:zlib (level 6, what a server's compression does) and summed. A `<script nomodule>` (Next's
 * polyfills for browsers without ES modules) is left out: a current browser does not fetch it. Scripts the HTML only
 * preloads (`<link rel="preload" as="script">`: the chunk a lazy component, such as a chart, fetches while the page
 * hydrates) are counted apart: they are sent too, but at low priority, and the rest of the page does not wait for them.
 */
export interface PageWeight {
  path: string;
  /** `<script src>` chunks. */
  scripts: number;
  /** Their total size as built, kB. */
  rawKb: number;
  /** Their total size gzipped one by one, kB: the page weight. */
  gzipKb: number;
  /** Chunks the HTML preloads without a `<script>` of their own, gzipped, kB. */
  preloadGzipKb: number;
  /** `<script nomodule>` chunks (not counted above), gzipped, kB. */
  noModuleGzipKb: number;
  /** The part of gzipKb + preloadGzipKb that is Recharts (chunks holding its `recharts-` class names), kB. */
  chartsGzipKb: number;
  /** Every chunk counted, with its gzipped size in bytes and how the page loads it. */
  chunks: { src: string; gzipBytes: number; how: "script" | "preload" | "nomodule"; charts: boolean }[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Attribute values of every tag `tag` in `html` whose attributes pass `keep`. */
function attributes(html: string, tag: string, attr: string, keep: (tagText: string) => boolean): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, "gi"))) {
    if (!keep(m[0])) continue;
    const v = new RegExp(`\\s${attr}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(m[0]);
    const value = v?.[1] ?? v?.[2] ?? v?.[3];
    if (value) out.push(value.replace(/&amp;/g, "&"));
  }
  return out;
}

const cache = new Map<string, Buffer>();
async function chunk(base: string, src: string): Promise<Buffer> {
  const url = new URL(src, base).toString();
  let body = cache.get(url);
  if (!body) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`GET ${src} answered ${r.status}`);
    body = Buffer.from(await r.arrayBuffer());
    cache.set(url, body);
  }
  return body;
}

/** The page's JavaScript; `cookie` signs the request in. Throws when the page does not answer 200. */
export async function pageWeight(base: string, path: string, cookie?: string): Promise<PageWeight> {
  const r = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const html = await r.text();
  if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
  const noModule = (t: string) => /\snomodule\b/i.test(t);
  const scripts = [...new Set(attributes(html, "script", "src", (t) => !noModule(t)))];
  const legacy = [...new Set(attributes(html, "script", "src", noModule))];
  const preloads = attributes(
    html,
    "link",
    "href",
    (t) =>
      /\brel=["']?(preload|modulepreload)\b/i.test(t) && (/\bas=["']?script\b/i.test(t) || /modulepreload/i.test(t)),
  ).filter((src, i, all) => all.indexOf(src) === i && !scripts.includes(src));
  const chunks: PageWeight["chunks"] = [];
  let raw = 0;
  for (const [how, list] of [
    ["script", scripts],
    ["preload", preloads],
    ["nomodule", legacy],
  ] as const)
    for (const src of list) {
      const body = await chunk(base, src);
      if (how === "script") raw += body.length;
      chunks.push({ src, gzipBytes: gzipSync(body, { level: 6 }).length, how, charts: body.includes("recharts-") });
    }
  const sum = (pick: (c: PageWeight["chunks"][number]) => boolean) =>
    kb(chunks.filter(pick).reduce((s, c) => s + c.gzipBytes, 0));
  return {
    path,
    scripts: scripts.length,
    rawKb: kb(raw),
    gzipKb: sum((c) => c.how === "script"),
    preloadGzipKb: sum((c) => c.how === "preload"),
    noModuleGzipKb: sum((c) => c.how === "nomodule"),
    chartsGzipKb: sum((c) => c.charts && c.how !== "nomodule"),
    chunks,
  };
}

/** Budgets: /quote is the page prospects land on from a referral link. */
export const QUOTE_BUDGET_KB = 100;

/**
 * /quote (anonymous), /portal (the largest partner) and /admin, measured against the running server; `cookies` maps a
 * page to the session that opens it. Fails the run when a page shows no chunk (the measurement broke) or when Recharts
 * reaches /quote.
 */
export async function pageWeightPhase(
  ctx: BenchContext,
  base: string,
  cookies: Record<"/portal" | "/admin", string | null>,
): Promise<void> {
  const { report, failures, smoke } = ctx;
  const pages: [string, string | undefined][] = [
    ["/quote", undefined],
    ["/portal", cookies["/portal"] ?? undefined],
    ["/admin", cookies["/admin"] ?? undefined],
  ];
  const weights: Record<string, PageWeight> = {};
  for (const [page, cookie] of pages) {
    if (page !== "/quote" && !cookie) {
      failures.push(`page weight: no session for ${page}`);
      continue;
    }
    let w: PageWeight;
    try {
      w = await pageWeight(base, page, cookie);
    } catch (e) {
      failures.push(`page weight of ${page}: ${(e as Error).message}`);
      continue;
    }
    weights[page] = w;
    if (w.scripts === 0) failures.push(`page weight: no <script src> found in ${page}`);
    const key = ({ "/quote": "quoteJsKb", "/portal": "portalJsKb", "/admin": "adminJsKb" } as const)[page]!;
    report.summary![key] = w.gzipKb;
    const chartsIn = (how: string) =>
      kb(w.chunks.filter((c) => c.charts && c.how === how).reduce((s, c) => s + c.gzipBytes, 0));
    const charts = w.chartsGzipKb
      ? `; Recharts ${w.chartsGzipKb} kB (${chartsIn("script")} in <script>, ${chartsIn("preload")} preloaded)`
      : "; no Recharts";
    const preload = w.preloadGzipKb ? `; ${w.preloadGzipKb} kB more preloaded` : "";
    report.lines.push({
      name: `JavaScript for ${page}${page === "/quote" ? "" : " (signed in)"}${smoke ? " (smoke)" : ""}`,
      via: "<script src> chunks of the production build, gzip each (node:zlib), sum",
      value: `${w.gzipKb} kB gzip (${w.scripts} chunks, ${w.rawKb} kB raw)${preload}${charts}`,
      ...(page === "/quote" ? { target: `< ${QUOTE_BUDGET_KB} kB`, ok: w.gzipKb < QUOTE_BUDGET_KB } : {}),
    });
  }
  if (weights["/quote"]?.chartsGzipKb) failures.push("page weight: Recharts is sent to /quote");
  // What every page loads (React DOM, Next's router, the root layout) against what is the page's own.
  const measured = Object.values(weights);
  const everywhere = (src: string) => measured.every((w) => w.chunks.some((c) => c.how === "script" && c.src === src));
  const shared = measured.length > 1 ? measured[0].chunks.filter((c) => c.how === "script" && everywhere(c.src)) : [];
  const sharedGzipKb = kb(shared.reduce((s, c) => s + c.gzipBytes, 0));
  if (shared.length)
    report.notes.push(
      `Page weight: ${sharedGzipKb} kB gzip of each page's JavaScript (${shared.length} chunks) is loaded by every page measured (React DOM, Next's router and runtime, the root layout); the rest is the page's own.`,
    );
  report.details.pageWeight = { sharedGzipKb, sharedChunks: shared.map((c) => c.src), pages: weights };
}
