import type { InboundSecretStatus } from "@/lib/webhooks/inbound-secret";
import type { inboundWebhooks } from "@/db/schema";
import { InboundSecretForm } from "./InboundSecretForm";
import { cell, DataTable, Json, Panel, When } from "./ui";

export function InboundPanel({
  status,
  recent,
}: {
  status: InboundSecretStatus;
  recent: (typeof inboundWebhooks.$inferSelect)[];
}) {
  return (
    <Panel
      title="Inbound CRM events"
      description={
        <>
          Your CRM posts <code>lead.created</code>, <code>lead.status_changed</code> and <code>lead.converted</code> to{" "}
          <code>/api/v1/webhooks/leads</code>, signed per Standard Webhooks with this secret. Unsigned, wrongly signed
          or stale (over 5 minutes) requests are refused; a repeated <code>webhook-id</code> has one effect.
        </>
      }
    >
      <p className="mb-3 text-sm" data-testid="inbound-secret-status">
        {status.configured ? (
          <>
            A secret is configured (ends in <code>…{status.hint}</code>).
          </>
        ) : (
          "No secret yet: inbound events are refused until one is set."
        )}
      </p>
      <InboundSecretForm configured={status.configured} />
      <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-800">Latest inbound events</h3>
      {recent.length === 0 ? (
        <p className="text-sm text-slate-600">None received yet.</p>
      ) : (
        <DataTable caption="Latest inbound events" head={["Received", "Type", "webhook-id", "Result"]}>
          {recent.map((r) => (
            <tr key={r.webhookId}>
              <td className={cell}>
                <When at={r.receivedAt} />
              </td>
              <td className={cell}>
                <code className="text-xs">{r.eventType}</code>
              </td>
              <td className={`${cell} font-mono text-xs break-all`}>{r.webhookId}</td>
              <td className={`${cell} max-w-96`}>
                <Json value={r.result} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}
