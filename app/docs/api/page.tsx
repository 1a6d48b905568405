import Link from "next/link";
import { connection } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const metadata = { title: "API reference" };

type Schema = Record<string, unknown>;
interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  "x-auth": string;
  parameters?: Param[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string }>;
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-green-100 text-green-900",
  patch: "bg-amber-100 text-amber-900",
  put: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};
const AUTH_LABEL: Record<string, string> = {
  public: "Public",
  any: "Admins and partners (own data)",
  admin: "Admins",
  partner: "Partners",
};

/** A one-line type for a parameter schema: `integer ≥ 1 ≤ 100`, `ACTIVE | INACTIVE`, … */
function typeOf(s: Schema | undefined): string {
  if (!s) return "string";
  if (Array.isArray(s.enum)) return (s.enum as string[]).join(" | ");
  const bits = [String(s.type ?? (s.anyOf ? "any of" : "value")), s.format ? `(${s.format})` : ""];
  if (s.minimum !== undefined) bits.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && Number(s.maximum) < Number.MAX_SAFE_INTEGER) bits.push(`≤ ${s.maximum}`);
  if (s.default !== undefined) bits.push(`default ${JSON.stringify(s.default)}`);
  return bits.filter(Boolean).join(" ");
}

function OperationCard({ method, path, op }: { method: string; path: string; op: Operation }) {
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <article id={op.operationId} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-2 py-0.5 font-bold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
        <span className="break-all">{path}</span>
      </h3>
      <p className="font-medium">{op.summary}</p>
      {op.description && <p className="text-sm text-slate-600">{op.description}</p>}
      <p className="text-sm text-slate-600">Who: {AUTH_LABEL[op["x-auth"]] ?? op["x-auth"]}</p>
      {op.parameters && op.parameters.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Parameters</caption>
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3">Parameter</th>
              <th className="py-1 pr-3">In</th>
              <th className="py-1">Type</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-3 font-mono">
                  {p.name}
                  {p.required && <span className="text-red-700"> *</span>}
                </td>
                <td className="py-1 pr-3">{p.in}</td>
                <td className="py-1">{typeOf(p.schema)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">
            Request body (JSON{op.requestBody?.required ? ", required" : ""})
          </summary>
          <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {JSON.stringify(body, null, 2)}
          </pre>
        </details>
      )}
      <ul className="flex flex-wrap gap-2 text-xs">
        {Object.entries(op.responses).map(([status, r]) => (
          <li key={status} className="rounded bg-slate-100 px-2 py-0.5" title={r.description}>
            {status} {r.description}
          </li>
        ))}
      </ul>
    </article>
  );
}

export default async function ApiDocsPage() {
  await connection();
  const doc = (await buildOpenApiDocument()) as {
    info: { description: string };
    paths: Record<string, Record<string, Operation>>;
  };
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      byTag.set(op.tags[0], [...(byTag.get(op.tags[0]) ?? []), { method, path, op }]);
  const tags = [...byTag.keys()].sort();
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-8 px-6 py-10">
      <header className="flex flex-col gap-2">
        <Link href="/" className="text-sm text-brand-700 hover:underline">
          ← Home
        </Link>
        <h1 className="text-3xl font-bold">API reference</h1>
        <p className="text-slate-600">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable:{" "}
          <a className="text-brand-700 hover:underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
        <nav aria-label="Resources" className="flex flex-wrap gap-3 text-sm">
          {tags.map((t) => (
            <a key={t} href={`#tag-${t}`} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100">
              {t}
            </a>
          ))}
        </nav>
      </header>
      <main className="flex flex-col gap-10">
        {tags.map((t) => (
          <section key={t} id={`tag-${t}`} aria-labelledby={`h-${t}`} className="flex flex-col gap-3">
            <h2 id={`h-${t}`} className="text-2xl font-semibold capitalize">
              {t.replace(/-/g, " ")}
            </h2>
            {byTag.get(t)!.map((o) => (
              <OperationCard key={`${o.method} ${o.path}`} {...o} />
            ))}
          </section>
        ))}
      </main>
    </div>
  );
}
