"use client";
import { rotateInboundSecretAction } from "@/app/(admin)/admin/webhooks/actions";
import { SecretOnce } from "./SecretOnce";
import { primaryButton, secondaryButton } from "./ui";
import { ResultMessage, useAdminAction } from "./useAdminAction";

/** Generates (or accepts a pasted) inbound signing secret; the old one stops working at once. */
export function InboundSecretForm({ configured }: { configured: boolean }) {
  const { run, pending, result } = useAdminAction((given?: string) => rotateInboundSecretAction(given));
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <button
          type="button"
          disabled={pending}
          className={primaryButton}
          onClick={() => {
            if (
              !configured ||
              window.confirm(
                "Replace the inbound secret? The CRM must be given the new one; the old one stops working now.",
              )
            )
              run(undefined);
          }}
        >
          {configured ? "Rotate secret" : "Generate secret"}
        </button>
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const v = String(new FormData(e.currentTarget).get("secret") ?? "");
            if (v) run(v);
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-800">Or paste the CRM&apos;s secret</span>
            <input
              name="secret"
              autoComplete="off"
              placeholder="whsec_…"
              className="w-72 rounded-md border border-slate-300 px-3 py-1.5 font-mono text-xs"
            />
          </label>
          <button type="submit" disabled={pending} className={secondaryButton}>
            Save pasted secret
          </button>
        </form>
      </div>
      <ResultMessage result={result} />
      {result?.ok ? <SecretOnce label="Inbound signing secret" secret={result.data} /> : null}
    </div>
  );
}
