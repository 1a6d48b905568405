/** A stored result or payload: flat objects read as "key value · key value", anything else as JSON. */
export function JsonValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-600">—</span>;
  const flat =
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => v === null || typeof v !== "object");
  const text = flat
    ? Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(" · ")
    : JSON.stringify(value);
  return <code className="font-mono text-xs break-all text-slate-700">{text || "—"}</code>;
}
