"use client";
import { deleteEndpointAction, setEndpointEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";

export function EndpointActions({ id, url, enabled }: { id: string; url: string; enabled: boolean }) {
  const toggle = useAction(setEndpointEnabledAction, { success: enabled ? "Disabled." : "Enabled." });
  const remove = useAction(deleteEndpointAction, { success: "Deleted." });
  const pending = toggle.pending || remove.pending;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          className={buttonClass("secondary", "sm")}
          onClick={() => void toggle.run({ id, enabled: !enabled })}
          aria-label={`${enabled ? "Disable" : "Enable"} ${url}`}
        >
          {enabled ? "Disable" : "Enable"}
        </button>
        <button
          type="button"
          disabled={pending}
          className={buttonClass("danger", "sm")}
          aria-label={`Delete ${url}`}
          onClick={() => {
            if (window.confirm(`Delete the endpoint ${url} and its delivery log?`)) void remove.run({ id });
          }}
        >
          Delete
        </button>
      </div>
      <Notice outcome={toggle.outcome ?? remove.outcome} />
    </div>
  );
}
