import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * Form controls with their label, hint and error wired up: the error and hint are linked through
 * `aria-describedby`, and an error sets `aria-invalid`. Ids derive from `name` unless given.
 */
interface FieldProps {
  label: ReactNode;
  name: string;
  id?: string;
  hint?: ReactNode;
  /** One message, or the messages of a zod `flatten().fieldErrors` entry. */
  error?: string | string[] | null;
  className?: string;
}

const controlClass = (invalid: boolean) =>
  cn(
    "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 disabled:bg-slate-100",
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

export function Field({
  label,
  name,
  id,
  hint,
  error,
  className,
  children,
}: FieldProps & {
  children: (control: {
    id: string;
    name: string;
    "aria-describedby"?: string;
    "aria-invalid"?: true;
    className: string;
  }) => ReactNode;
}) {
  const fid = id ?? `f-${name}`;
  const { message, describedBy } = describe(fid, hint, error);
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={fid} className="text-sm font-medium text-slate-800">
        {label}
      </label>
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
export function Input({ label, name, id, hint, error, className, ...rest }: InputProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} error={error} className={className}>
      {(p) => <input {...rest} {...p} />}
    </Field>
  );
}

type TextareaProps = FieldProps & Omit<ComponentProps<"textarea">, "name" | "id" | "className">;
export function Textarea({ label, name, id, hint, error, className, rows = 3, ...rest }: TextareaProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} error={error} className={className}>
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
export function Select({ label, name, id, hint, error, className, options, placeholder, ...rest }: SelectProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} error={error} className={className}>
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
  const fid = id ?? `f-${name}`;
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
