"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { unsubscribeAction } from "@/lib/notifications/actions";

/** The unsubscribe page's confirmation: a click (never the GET of the link, which mail scanners follow). */
export function UnsubscribeButton({ token, label }: { token: string; label: string }) {
  const act = useAction(unsubscribeAction, {
    success: `Done: you will no longer get e-mails about ${label.toLowerCase()}.`,
  });
  return (
    <div className="flex flex-col items-start gap-3">
      {act.outcome?.kind !== "success" && (
        <Button onClick={() => act.run({ token })} disabled={act.pending}>
          Unsubscribe
        </Button>
      )}
      <Notice outcome={act.outcome} />
    </div>
  );
}
