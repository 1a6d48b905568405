import type { ReactNode } from "react";

/** A labelled form control with its error next to it, tied together for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  children: (aria: ControlAria) => ReactNode;
}) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className="text-sm font-medium text-slate-800">
        {props.label}
        {props.optional ? <span className="font-normal text-slate-500"> (optional)</span> : null}
      </label>
      {props.hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      {props.children({
        id: props.id,
        "aria-invalid": props.error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {props.error ? (
        <p id={errorId} className="text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export interface ControlAria {
  id: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2.5 text-base shadow-sm aria-[invalid=true]:border-red-600 focus-visible:border-brand-600";
