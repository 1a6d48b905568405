import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { isUuid } from "@/lib/validation";
import { mentioning, tokenPatterns, type PersonTokens } from "./person";

export const ERASED = "[erased]";

/** Keys whose string values are a person's data in an object about the person. */
const PERSONAL_KEYS = new Set([
  "firstname",
  "lastname",
  "name",
  "email",
  "phone",
  "zip",
  "message",
  "ip",
  "useragent",
  "pageurl",
  "landingurl",
  "referrer",
  "externalid",
]);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

/**
 * Free text and JSON columns outside the lead's own rows that may copy a person's data: audit snapshots, webhook
 * payloads (outbound, delivered, inbound), cached idempotent answers, job results and admin-written reasons.
 */
export const SCRUBBED_COLUMNS: { table: string; json: string[]; text: string[] }[] = [
  { table: "events", json: ["before", "after", "data"], text: [] },
  { table: "outbox", json: ["payload"], text: ["last_error"] },
  { table: "webhook_deliveries", json: ["payload"], text: ["last_error"] },
  { table: "webhook_attempts", json: [], text: ["response_snippet", "error"] },
  { table: "inbound_webhooks", json: ["payload", "result"], text: [] },
  { table: "idempotency_keys", json: ["response_body"], text: [] },
  { table: "job_runs", json: ["result"], text: ["error"] },
  { table: "jobs", json: ["last_result"], text: ["last_error"] },
  { table: "referrals", json: [], text: ["notes", "rejection_reason"] },
  { table: "rewards", json: [], text: ["reason", "cancel_reason", "approval_override_reason"] },
  { table: "risk_signals", json: ["evidence"], text: [] },
];

function names(t: PersonTokens): RegExp | null {
  if (!t.names.length) return null;
  const alt = t.names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return new RegExp(`(^|[^\\p{L}])(${alt})($|[^\\p{L}])`, "iu");
}

/** Whether a string names the person on its own (e-mail, phone, IP, user agent...) or, in a row about them, by name. */
function identifies(v: string, t: PersonTokens, nameRe: RegExp | null): boolean {
  const lower = v.toLowerCase();
  if (t.strings.some((s) => lower.includes(s))) return true;
  if (!ISO_TIME.test(v) && !isUuid(v as unknown)) {
    const digits = v.replace(/\D/g, "");
    if (digits.length >= 7 && t.phones.some((p) => digits.includes(p))) return true;
  }
  return !!nameRe && nameRe.test(v);
}

/**
 * Whether an object describes the person: one of its own strings identifies them, or its `id` / `leadId` /
 * `referralId` / `clickId` is one of theirs. Then its personal keys (ZIP, message, names...) go too.
 */
function aboutPerson(o: Record<string, unknown>, t: PersonTokens, nameRe: RegExp | null): boolean {
  return Object.entries(o).some(
    ([k, v]) =>
      typeof v === "string" &&
      ((/^(id|leadid|referralid|clickid|consentid)$/i.test(k) && t.ids.includes(v)) || identifies(v, t, nameRe)),
  );
}

/** A JSON value with every string that identifies the person, and the personal keys of objects about them, replaced. */
export function scrubJson(value: unknown, t: PersonTokens, nameRe = names(t)): unknown {
  if (typeof value === "string") return identifies(value, t, nameRe) ? ERASED : value;
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, t, nameRe));
  if (value && typeof value === "object") {
    const about = aboutPerson(value as Record<string, unknown>, t, nameRe);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        about && typeof v === "string" && v && PERSONAL_KEYS.has(k.toLowerCase()) ? ERASED : scrubJson(v, t, nameRe),
      ]),
    );
  }
  return value;
}

/** Replaces the person's data in every column of SCRUBBED_COLUMNS that mentions them; returns rows changed per table. */
export async function scrubEverywhere(tx: DbOrTx, t: PersonTokens): Promise<Record<string, number>> {
  const patterns = tokenPatterns(t);
  const nameRe = names(t);
  const changed: Record<string, number> = {};
  for (const { table, json, text } of SCRUBBED_COLUMNS) {
    const rows = await mentioning(tx, table, [...json, ...text], patterns);
    for (const row of rows) {
      const sets = [
        ...json.map((c) => {
          const v = row[c];
          const next = v === null || v === undefined ? null : JSON.stringify(scrubJson(v, t, nameRe));
          return sql`${sql.identifier(c)} = ${next}::jsonb`;
        }),
        ...text.map((c) => {
          const v = row[c];
          return sql`${sql.identifier(c)} = ${typeof v === "string" && identifies(v, t, nameRe) ? ERASED : (v ?? null)}`;
        }),
      ];
      await tx.execute(
        sql`update ${sql.identifier(table)} set ${sql.join(sets, sql`, `)} where ctid = ${row._ctid}::tid`,
      );
    }
    if (rows.length) changed[table] = rows.length;
  }
  return changed;
}
