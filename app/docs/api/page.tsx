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
interface Entry {
  method: string;
  path: string;
  op: Operation;
}

/** What each resource is for, shown under its heading and in the contents. */
const RESOURCES: Record<string, { title: string; summary: string }> = {
  "api-keys": { title: "API keys", summary: "Keys for integrations: create one per system, list them, revoke one." },
  "commission-plans": {
    title: "Commission plans",
    summary: "How partners earn: versioned plans with rules, tiers and bonuses, and a preview that writes nothing.",
  },
  auth: {
    title: "Authentication",
    summary: "Bearer tokens from an e-mail and password, invitations and password resets.",
  },
  events: { title: "Events", summary: "The webhook event types and what their payloads carry." },
  "fx-rates": {
    title: "Exchange rates",
    summary: "The rates payouts convert at: list them, enter one, or import the ECB's reference-rate CSV.",
  },
  leads: { title: "Leads", summary: "Quote requests: capture one (with its consent evidence), list, read and update." },
  "openapi.json": { title: "OpenAPI document", summary: "This reference as an OpenAPI 3.1 JSON document, for tools." },
  partners: {
    title: "Partners",
    summary: "The program's partners, their status, referral codes, performance and the leaderboard.",
  },
  notifications: {
    title: "Notifications",
    summary: "The signed-in user's inbox: list the notifications and mark them read.",
  },
  privacy: {
    title: "Privacy requests",
    summary: "Everything about one person, exported, or their personal data erased (the money trail stays).",
  },
  reports: {
    title: "Reports",
    summary: "Regulator and tax reports: the compensation export and the yearly 1099-NEC list.",
  },
  review: {
    title: "Fraud review",
    summary: "Referrals and partners with open fraud signals, by score, and the decision on each.",
  },
  payouts: { title: "Payouts", summary: "Payments to partners: batches, marking paid or failed, and CSV exports." },
  referrals: {
    title: "Referrals",
    summary: "Leads attributed to a partner: accept, reject, link to a lead and convert with a value.",
  },
  rewards: {
    title: "Rewards",
    summary: "Commissions and manual bonuses: approve (one or in bulk), cancel, pay, and statistics.",
  },
  webhooks: {
    title: "Webhooks",
    summary: "Outbound endpoints and their deliveries (replay), and the signed inbound lead feed.",
  },
};
const resource = (tag: string) =>
  RESOURCES[tag] ?? { title: tag.charAt(0).toUpperCase() + tag.slice(1).replace(/-/g, " "), summary: "" };

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
const link = "text-brand-700 underline decoration-1 underline-offset-2 hover:no-underline";

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

function Method({ method }: { method: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_STYLE[method] ?? ""}`}>
      {method}
    </span>
  );
}

/** One operation, titled by what it does; parameters, body and answers fold away until wanted. */
function OperationCard({ method, path, op }: Entry) {
  const body = op.requestBody?.content["application/json"]?.schema;
  const params = op.parameters ?? [];
  return (
    <article
      id={op.operationId}
      aria-labelledby={`${op.operationId}-h`}
      className="flex scroll-mt-4 flex-col gap-1.5 rounded-lg border border-slate-200 bg-white px-4 py-3"
    >
      <h3 id={`${op.operationId}-h`} className="text-base font-semibold">
        {op.summary}
      </h3>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Method method={method} />
        <code className="font-mono text-slate-900">{path}</code>
        <span className="text-slate-600">· {AUTH_LABEL[op["x-auth"]] ?? op["x-auth"]}</span>
      </p>
      {op.description && <p className="text-sm text-slate-700">{op.description}</p>}
      {/* Folded parts side by side; an opened one takes the full width. */}
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {params.length > 0 && (
          <details className="text-sm open:basis-full">
            <summary className="cursor-pointer font-medium">Parameters ({params.length})</summary>
            <table className="mt-2 w-full text-left">
              <caption className="sr-only">Parameters of {op.summary}</caption>
              <thead className="text-slate-600">
                <tr>
                  <th className="py-1 pr-3">Parameter</th>
                  <th className="py-1 pr-3">In</th>
                  <th className="py-1">Type</th>
                </tr>
              </thead>
              <tbody>
                {params.map((p) => (
                  <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-3 font-mono">
                      {p.name}
                      {p.required && (
                        <span className="text-red-700" title="required">
                          {" "}
                          *<span className="sr-only"> required</span>
                        </span>
                      )}
                    </td>
                    <td className="py-1 pr-3">{p.in}</td>
                    <td className="py-1">{typeOf(p.schema)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
        {body && (
          <details className="text-sm open:basis-full">
            <summary className="cursor-pointer font-medium">
              Request body (JSON{op.requestBody?.required ? ", required" : ""})
            </summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {JSON.stringify(body, null, 2)}
            </pre>
          </details>
        )}
        <details className="text-sm open:basis-full">
          <summary className="cursor-pointer font-medium">Responses ({Object.keys(op.responses).length})</summary>
          <ul className="mt-2 flex flex-col gap-1">
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status}>
                <span className="font-mono font-semibold">{status}</span> {r.description}
              </li>
            ))}
          </ul>
        </details>
      </div>
    </article>
  );
}

/**
 * The API reference from the OpenAPI document: resources in order, each with a summary, and a
 * contents list linking every operation by what it does.
 */
export default async function ApiDocsPage() {
  await connection();
  const doc = (await buildOpenApiDocument()) as {
    info: { description: string };
    paths: Record<string, Record<string, Operation>>;
  };
  const byTag = new Map<string, Entry[]>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      byTag.set(op.tags[0], [...(byTag.get(op.tags[0]) ?? []), { method, path, op }]);
  const tags = [...byTag.keys()].sort((a, b) => resource(a).title.localeCompare(resource(b).title));
  const total = [...byTag.values()].reduce((n, e) => n + e.length, 0);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-8 px-6 py-10">
      <header className="flex flex-col gap-2">
        <Link href="/" className={`text-sm ${link}`}>
          ← Home
        </Link>
        <h1 className="text-3xl font-bold">API reference</h1>
        <p className="text-slate-700">{doc.info.description}</p>
        <p className="text-sm">
          {total} operations in {tags.length} resources. Machine-readable:{" "}
          <a className={link} href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>
      <div className="flex flex-col gap-8 lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
        <nav
          aria-label="Contents"
          className="text-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto"
        >
          <h2 className="mb-2 font-semibold">Contents</h2>
          <ol className="flex flex-col gap-3">
            {tags.map((t) => (
              <li key={t}>
                <a href={`#tag-${t}`} className={`font-medium ${link}`}>
                  {resource(t).title}
                </a>
                <ol className="mt-1 flex flex-col gap-1 border-l border-slate-200 pl-3">
                  {byTag.get(t)!.map((e) => (
                    <li key={e.op.operationId}>
                      <a href={`#${e.op.operationId}`} className={link}>
                        {e.op.summary}
                      </a>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </nav>
        <main className="flex min-w-0 flex-col gap-10">
          {tags.map((t) => (
            <section key={t} id={`tag-${t}`} aria-labelledby={`h-${t}`} className="flex scroll-mt-4 flex-col gap-3">
              <h2 id={`h-${t}`} className="text-2xl font-semibold">
                {resource(t).title}
              </h2>
              {resource(t).summary && <p className="text-slate-700">{resource(t).summary}</p>}
              {byTag.get(t)!.map((e) => (
                <OperationCard key={`${e.method} ${e.path}`} {...e} />
              ))}
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}
