"use client";
import { useState } from "react";
import { createEndpointAction } from "@/app/(admin)/admin/webhooks/actions";
import { SecretOnce } from "./SecretOnce";
import { primaryButton } from "./ui";
import { ResultMessage, useAdminAction } from "./useAdminAction";

/** Registers an endpoint; the signing secret is shown once, right here. */
export function EndpointForm({ eventTypes }: { eventTypes: readonly string[] }) {
  const { run, pending, result } = useAdminAction(createEndpointAction);
  const [events, setEvents] = useState<string[]>([]);
  const fieldError = (k: string) => (result && !result.ok ? result.fieldErrors?.[k] : undefined);
  const urlError = fieldError("url");
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        run({ url: String(f.get("url") ?? ""), description: String(f.get("description") ?? "") || undefined, events });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">Endpoint URL</span>
          <input
            name="url"
            type="url"
            required
            placeholder="https://crm.example.com/hooks/referrals"
            aria-invalid={!!urlError}
            aria-describedby={urlError ? "url-error" : undefined}
            className="rounded-md border border-slate-300 px-3 py-1.5"
          />
          {urlError ? (
            <span id="url-error" className="text-xs text-red-700">
              {urlError}
            </span>
          ) : null}
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">Description (optional)</span>
          <input name="description" maxLength={200} className="rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium text-slate-800">Events (none selected: every event)</legend>
        <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-3">
          {eventTypes.map((t) => (
            <label key={t} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={events.includes(t)}
                onChange={(e) => setEvents((cur) => (e.target.checked ? [...cur, t] : cur.filter((x) => x !== t)))}
              />
              <code className="text-xs">{t}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Adding…" : "Add endpoint"}
        </button>
        <ResultMessage result={result} />
      </div>
      {result?.ok ? <SecretOnce label={`Signing secret for ${result.data.url}`} secret={result.data.secret} /> : null}
    </form>
  );
}
