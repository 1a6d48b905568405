import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * The one field component (docs/ui.md): a control with its label, hint and error wired up. The error and
 * hint are linked through `aria-describedby`, and an error sets `aria-invalid`. The id derives from `name`
 * unless given; a controlled control without a form name passes `id` only.
 */
interface FieldProps {
  label: ReactNode;
  name?: string;
  id?: string;
  /** Adds "(optional)" to the label. */
  optional?: boolean;
  hint?: ReactNode;
  /** One message, or the messages of a zod `flatten().fieldErrors` entry. */
  error?: string | string[] | null;
  className?: string;
}

/** The classes of a text control (input, select, textarea); red border when invalid. */
export const controlClass = (invalid = false) =>
  cn(
    // 16 px text on phones: smaller text makes mobile browsers zoom into the focused control.
    "block w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 focus:ring-1 focus:ring-brand-600 disabled:bg-slate-100 sm:text-sm",
    invalid ? "border-red-600" : "border-slate-300",
  );

function describe(id: string, hint: ReactNode, error: FieldProps["error"]) {
  const message = Array.isArray(error) ? error.join(" ") : error || "";
  const ids = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ");
  return { message, describedBy: ids || undefined };
}

function Messages({ id, hint, message }: { id: string; hint: ReactNode; message: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {message}
        </p>
      )}
    </>
  );
}

/** What a `Field` hands its control: spread it on the input, select or textarea. */
export interface ControlProps {
  id: string;
  name?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  className: string;
}

const fieldId = (id: string | undefined, name: string | undefined) => id ?? `f-${name ?? "field"}`;

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="text-sm font-medium text-slate-800">
      {label}
      {optional && <span className="font-normal text-slate-600"> (optional)</span>}
    </label>
  );
}

export function Field({
  label,
  name,
  id,
  optional,
  hint,
  error,
  className,
  children,
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const fid = fieldId(id, name);
  const { message, describedBy } = describe(fid, hint, error);
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <Label htmlFor={fid} label={label} optional={optional} />
      {children({
        id: fid,
        name,
        "aria-describedby": describedBy,
        "aria-invalid": message ? true : undefined,
        className: controlClass(Boolean(message)),
      })}
      <Messages id={fid} hint={hint} message={message} />
    </div>
  );
}

type InputProps = FieldProps & Omit<ComponentProps<"input">, "name" | "id" | "className">;
export function Input({ label, name, id, optional, hint, error, className, ...rest }: InputProps) {
  return (
    <Field label={label} name={name} id={id} optional={optional} hint={hint} error={error} className={className}>
      {(p) => <input {...rest} {...p} />}
    </Field>
  );
}

type TextareaProps = FieldProps & Omit<ComponentProps<"textarea">, "name" | "id" | "className">;
export function Textarea({ label, name, id, optional, hint, error, className, rows = 3, ...rest }: TextareaProps) {
  return (
    <Field label={label} name={name} id={id} optional={optional} hint={hint} error={error} className={className}>
      {(p) => <textarea rows={rows} {...rest} {...p} />}
    </Field>
  );
}

type SelectProps = FieldProps &
  Omit<ComponentProps<"select">, "name" | "id" | "className"> & {
    options: readonly (string | { value: string; label: string })[];
    /** A first empty option ("Any status"). */
    placeholder?: string;
  };
export function Select({
  label,
  name,
  id,
  optional,
  hint,
  error,
  className,
  options,
  placeholder,
  ...rest
}: SelectProps) {
  return (
    <Field label={label} name={name} id={id} optional={optional} hint={hint} error={error} className={className}>
      {(p) => (
        <select {...rest} {...p}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => {
            const { value, label: text } = typeof o === "string" ? { value: o, label: o } : o;
            return (
              <option key={value} value={value}>
                {text}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

type CheckboxProps = FieldProps & Omit<ComponentProps<"input">, "name" | "id" | "className" | "type">;
export function Checkbox({ label, name, id, hint, error, className, ...rest }: CheckboxProps) {
  const fid = fieldId(id, name);
  const { message, describedBy } = describe(fid, hint, error);
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          id={fid}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={message ? true : undefined}
          className="mt-0.5 size-4 rounded border-slate-400 accent-brand-600"
          {...rest}
        />
        <label htmlFor={fid} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      <Messages id={fid} hint={hint} message={message} />
    </div>
  );
}
