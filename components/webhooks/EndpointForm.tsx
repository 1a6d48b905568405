"use client";
import { useState } from "react";
import { createEndpointAction } from "@/app/(admin)/admin/webhooks/actions";
import { SecretOnce } from "./SecretOnce";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";

/** Registers an endpoint; the signing secret is shown once, right here. */
export function EndpointForm({ eventTypes }: { eventTypes: readonly string[] }) {
  const { run, pending, outcome, data } = useAction(createEndpointAction, { success: "Endpoint added." });
  const [events, setEvents] = useState<string[]>([]);
  const urlError = fieldError(outcome, "url");
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        void run({
          url: String(f.get("url") ?? ""),
          description: String(f.get("description") ?? "") || undefined,
          events,
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Input
          label="Endpoint URL"
          name="url"
          type="url"
          required
          placeholder="https://crm.example.com/hooks/referrals"
          error={urlError}
        />
        <Input
          label="Description"
          optional
          name="description"
          maxLength={200}
          error={fieldError(outcome, "description")}
        />
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
        <button type="submit" disabled={pending} className={buttonClass("primary", "sm")}>
          {pending ? "Adding…" : "Add endpoint"}
        </button>
        <Notice outcome={outcome} />
      </div>
      {data ? <SecretOnce label={`Signing secret for ${data.url}`} secret={data.secret} /> : null}
    </form>
  );
}
