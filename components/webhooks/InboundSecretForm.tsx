"use client";
import { rotateInboundSecretAction } from "@/app/(admin)/admin/webhooks/actions";
import { SecretOnce } from "./SecretOnce";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";

/** Generates (or accepts a pasted) inbound signing secret; the old one stops working at once. */
export function InboundSecretForm({ configured }: { configured: boolean }) {
  const { run, pending, outcome, data } = useAction(rotateInboundSecretAction, { success: "Secret saved." });
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <button
          type="button"
          disabled={pending}
          className={buttonClass("primary", "sm")}
          onClick={() => {
            if (
              !configured ||
              window.confirm(
                "Replace the inbound secret? The CRM must be given the new one; the old one stops working now.",
              )
            )
              void run({});
          }}
        >
          {configured ? "Rotate secret" : "Generate secret"}
        </button>
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const v = String(new FormData(e.currentTarget).get("secret") ?? "");
            if (v) void run({ secret: v });
          }}
        >
          <Input
            label="Or paste the CRM's secret"
            name="secret"
            autoComplete="off"
            placeholder="whsec_…"
            className="w-72"
            error={fieldError(outcome, "secret")}
          />
          <button type="submit" disabled={pending} className={buttonClass("secondary", "sm")}>
            Save pasted secret
          </button>
        </form>
      </div>
      <Notice outcome={outcome} />
      {data ? <SecretOnce label="Inbound signing secret" secret={data} /> : null}
    </div>
  );
}
