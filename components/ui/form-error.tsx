/** A form-level error announced to screen readers; renders nothing without a message. */
export function FormError({ message, id }: { message?: string | null; id?: string }) {
  if (!message) return null;
  return (
    <div
      id={id}
      role="alert"
      data-testid="form-error"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      {message}
    </div>
  );
}

/** A success note (saved, submitted), announced politely. */
export function FormSuccess({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div
      role="status"
      className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
    >
      {message}
    </div>
  );
}

/** The form-level message of a failed action result (`useActionState` with a lib/actions/safe-action.ts action). */
export function FormMessage({ state }: { state: { ok: boolean; error?: string } | null }) {
  return <FormError message={state && !state.ok ? state.error : null} />;
}
