/** Search params as Next passes them to pages. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A link to the same list with some params changed (undefined/"" removes one). Changing a filter
 * resets `page` and `cursor` unless they are set explicitly.
 */
export function hrefWith(
  basePath: string,
  current: SearchParams,
  changes: Record<string, string | number | undefined | null>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(current)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) if (x !== "") params.append(k, x);
  }
  const touchesPaging = "page" in changes || "cursor" in changes;
  if (!touchesPaging) {
    params.delete("page");
    params.delete("cursor");
  }
  for (const [k, v] of Object.entries(changes)) {
    params.delete(k);
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/** The first value of a search param. */
export const firstParam = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

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

/** Human message for refused filters (zod issues or the list parser's field errors): names the fields; null when none. */
export function filterProblem(issues: { path: PropertyKey[] | string; message: string }[]): string | null {
  if (issues.length === 0) return null;
  const field = (path: PropertyKey[] | string) =>
    String((typeof path === "string" ? path.split(".") : path)[0] ?? "filter");
  return `Some filters were ignored: ${issues.map((i) => `${field(i.path)} (${i.message})`).join("; ")}.`;
}
