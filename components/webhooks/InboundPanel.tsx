import type { InboundSecretStatus } from "@/lib/webhooks/inbound-secret";
import type { inboundWebhooks } from "@/db/schema";
import { InboundSecretForm } from "./InboundSecretForm";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonValue } from "@/components/ui/json-value";
import { Table, Td } from "@/components/ui/table";

export function InboundPanel({
  status,
  recent,
}: {
  status: InboundSecretStatus;
  recent: (typeof inboundWebhooks.$inferSelect)[];
}) {
  return (
    <Card
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
        <Table caption="Latest inbound events" head={["Received", "Type", "webhook-id", "Result"]}>
          {recent.map((r) => (
            <tr key={r.webhookId}>
              <Td>
                <DateTime value={r.receivedAt} />
              </Td>
              <Td>
                <code className="text-xs">{r.eventType}</code>
              </Td>
              <Td className="font-mono text-xs break-all">{r.webhookId}</Td>
              <Td className="max-w-96">
                <JsonValue value={r.result} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
