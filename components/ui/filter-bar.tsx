import type { ReactNode } from "react";
import { enumLabel } from "@/lib/enum-label";
import { buttonClass } from "./button";
import { controlClass } from "./field";
import { FormError } from "./form-error";
import { ResetOnHistory } from "./reset-on-history";

export type FilterField =
  | { name: string; label: string; type: "text"; placeholder?: string; suggestions?: readonly string[] }
  | { name: string; label: string; type: "date" }
  | {
      name: string;
      label: string;
      type: "select";
      options: readonly (string | { value: string; label: string })[];
      anyLabel?: string;
    };

/** The option matching the current value; enum values match case-insensitively as the API does. */
function selected(options: readonly (string | { value: string })[], v: string | undefined): string {
  if (!v) return "";
  const vals = options.map((o) => (typeof o === "string" ? o : o.value));
  return vals.find((x) => x === v) ?? vals.find((x) => x.toUpperCase() === v.toUpperCase()) ?? "";
}

/**
 * A GET form over the list's search params: works without JavaScript, keeps the URL shareable,
 * and resets the page to 1 by leaving `page` out. Hidden fields keep params the bar does not show.
 * The controls are either described by `fields` or given as `children` (kit fields with their own
 * defaults). The form is keyed by the URL's values, so a link or the back button remounts the
 * controls with what the URL says instead of leaving the last choice on screen, and a page the
 * browser brings back from its history is reset to the URL's values too (ResetOnHistory).
 */
export function FilterBar({
  action,
  fields = [],
  values,
  hidden = {},
  label,
  submitLabel = "Apply",
  children,
}: {
  action: string;
  fields?: FilterField[];
  values: Record<string, string | undefined>;
  hidden?: Record<string, string | undefined>;
  label: string;
  submitLabel?: string;
  children?: ReactNode;
}) {
  return (
    <form
      key={JSON.stringify([values, hidden])}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className={
        children
          ? "flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
          : "grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
      }
    >
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {fields.map((f) => {
        const id = `f-${f.name}`;
        return (
          <div key={f.name}>
            <label htmlFor={id} className="text-xs font-medium text-slate-700">
              {f.label}
            </label>
            {f.type === "select" ? (
              <select
                id={id}
                name={f.name}
                defaultValue={selected(f.options, values[f.name])}
                className={controlClass()}
              >
                <option value="">{f.anyLabel ?? "Any"}</option>
                {f.options.map((o) => {
                  const opt = typeof o === "string" ? { value: o, label: enumLabel(o) } : o;
                  return (
                    <option key={opt.value} value={opt.value}>
                      {opt.label}
                    </option>
                  );
                })}
              </select>
            ) : (
              <input
                id={id}
                name={f.name}
                type={f.type}
                defaultValue={values[f.name] ?? ""}
                placeholder={f.type === "text" ? f.placeholder : undefined}
                list={f.type === "text" && f.suggestions ? `${id}-list` : undefined}
                className={controlClass()}
              />
            )}
            {f.type === "text" && f.suggestions ? (
              <datalist id={`${id}-list`}>
                {f.suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            ) : null}
          </div>
        );
      })}
      {children}
      <ResetOnHistory />
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary", children ? "sm" : undefined)}>
          {submitLabel}
        </button>
        <a href={action} className={buttonClass("secondary", children ? "sm" : undefined)}>
          Reset
        </a>
      </div>
    </form>
  );
}

export function FilterProblem({ message }: { message: string | null }) {
  if (!message) return null;
  return <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{message}</p>;
}

/** The list parser's refused filters, as the portal lists say it: "Some filters were ignored: status …". */
export function IgnoredFilters({ errors }: { errors: { path: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return <FormError message={`Some filters were ignored: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`} />;
}
