"use client";

import { useActionState, useState } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-error";
import { submitKeepingValues } from "@/lib/form-submit";

export function CreateApiKeyForm({ partners }: { partners: { id: string; label: string }[] }) {
  const [state, action, pending] = useActionState(createApiKeyAction, null);
  const [role, setRole] = useState("ADMIN");
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <h2 className="font-semibold">New API key</h2>
      <FormMessage state={state} />
      {state?.ok && (
        <div role="status" className="flex flex-col gap-1 rounded-md bg-amber-50 p-3 text-sm">
          <span className="font-medium">Copy the key now: it will not be shown again.</span>
          <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono">
            {state.data.key}
          </code>
        </div>
      )}
      <Input label="Name" name="name" placeholder="CRM integration" error={fe?.name} />
      <div className="flex flex-col gap-1">
        <label htmlFor="f-role" className="text-sm font-medium">
          Acts as
        </label>
        <select
          id="f-role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          <option value="ADMIN">Admin (full program access)</option>
          <option value="PARTNER">One partner (its own data only)</option>
        </select>
      </div>
      {role === "PARTNER" && (
        <div className="flex flex-col gap-1">
          <label htmlFor="f-partnerId" className="text-sm font-medium">
            Partner
          </label>
          <select
            id="f-partnerId"
            name="partnerId"
            className="rounded-md border border-slate-300 bg-white px-3 py-2"
            aria-invalid={fe?.partnerId ? true : undefined}
          >
            <option value="">Choose…</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {fe?.partnerId && <p className="text-sm text-red-700">{fe.partnerId}</p>}
        </div>
      )}
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Creating…" : "Create key"}
      </button>
    </form>
  );
}

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(revokeApiKeyAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(`Revoke the key "${name}"? Integrations using it stop working at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        className="text-sm font-medium text-red-700 hover:underline"
        disabled={pending}
        aria-label={`Revoke ${name}`}
      >
        Revoke
      </button>
      {state && !state.ok && <span className="ml-2 text-sm text-red-700">{state.error}</span>}
    </form>
  );
}
