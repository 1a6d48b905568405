export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each wanted key, empty strings dropped: what the list schemas parse. */
export function pick(sp: SearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = sp[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === "string" && s.trim() !== "") out[k] = s.trim();
  }
  return out;
}

/** Human message for a refused filter: names the fields. */
export function filterProblem(issues: { path: PropertyKey[]; message: string }[]): string {
  return `Some filters were ignored: ${issues.map((i) => `${String(i.path[0] ?? "filter")} (${i.message})`).join("; ")}.`;
}
