"use client";
import { deleteEndpointAction, setEndpointEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { dangerButton, secondaryButton } from "./ui";
import { ResultMessage, useAdminAction } from "./useAdminAction";

export function EndpointActions({ id, url, enabled }: { id: string; url: string; enabled: boolean }) {
  const toggle = useAdminAction((on: boolean) => setEndpointEnabledAction(id, on));
  const remove = useAdminAction(() => deleteEndpointAction(id));
  const pending = toggle.pending || remove.pending;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          className={secondaryButton}
          onClick={() => toggle.run(!enabled)}
          aria-label={`${enabled ? "Disable" : "Enable"} ${url}`}
        >
          {enabled ? "Disable" : "Enable"}
        </button>
        <button
          type="button"
          disabled={pending}
          className={dangerButton}
          aria-label={`Delete ${url}`}
          onClick={() => {
            if (window.confirm(`Delete the endpoint ${url} and its delivery log?`)) remove.run(undefined);
          }}
        >
          Delete
        </button>
      </div>
      <ResultMessage result={toggle.result} />
      <ResultMessage result={remove.result} />
    </div>
  );
}
