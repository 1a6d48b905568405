import "server-only";
import { eq } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import type { Db } from "@/db";
import { inboundWebhooks, settings } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { readBodyBytes } from "@/lib/api/parse";
import { AppError } from "@/lib/errors";
import { applyInboundEvent } from "./inbound-events";
import { parseInput } from "./schemas";

export const INBOUND_MAX_BYTES = 1_000_000;

/** The Standard Webhooks envelope; unknown members (ours or in `data`) are accepted and kept. */
const envelopeSchema = z
  .object({
    type: z.string().trim().min(1, "type is required").max(100),
    timestamp: z.string().optional(),
    data: z.record(z.string(), z.unknown(), { error: "data must be an object" }),
  })
  .loose();

export interface InboundResult {
  webhookId: string;
  duplicate: boolean;
  result: unknown;
}

const unauthorized = (detail: string) => new AppError("unauthorized", detail);

/**
 * Verifies and applies one inbound CRM event. The signature (secret from settings, timestamps more
 * than 5 minutes off refused by the library) is checked before anything is read or written. The
 * `webhook-id` row and the event's effect commit together, so a repeat (even a concurrent one)
 * has no second effect and gets the first result back; a failed effect leaves nothing behind.
 */
export async function receiveInboundWebhook(db: Db, body: string, headers: Headers): Promise<InboundResult> {
  if (Buffer.byteLength(body) > INBOUND_MAX_BYTES)
    throw new AppError("payload_too_large", "The body is larger than 1 MB");
  const [row] = await db.select({ secret: settings.inboundWebhookSecret }).from(settings).where(eq(settings.id, 1));
  if (!row?.secret)
    throw unauthorized("Inbound webhooks are not configured: set the inbound secret in the admin webhooks page");
  const signed = {
    "webhook-id": headers.get("webhook-id") ?? "",
    "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
    "webhook-signature": headers.get("webhook-signature") ?? "",
  };
  try {
    new Webhook(row.secret).verify(body, signed, { jsonParse: false });
  } catch (e) {
    if (e instanceof WebhookVerificationError) throw unauthorized(`Webhook signature rejected: ${e.message}`);
    throw e;
  }
  const webhookId = signed["webhook-id"];
  if (webhookId.length > 200)
    throw new AppError("validation", "webhook-id is too long", {
      errors: [{ path: "webhook-id", message: "At most 200 characters" }],
    });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError("validation", "The body is not valid JSON", {
      errors: [{ path: "body", message: "Malformed JSON" }],
    });
  }
  const envelope = parseInput(envelopeSchema, json, "Not a webhook event envelope");
  const actor: Actor = { type: "WEBHOOK", id: webhookId, label: `crm:${envelope.type}` };

  return db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(inboundWebhooks)
      .values({ webhookId, eventType: envelope.type, payload: json as Record<string, unknown> })
      .onConflictDoNothing()
      .returning({ webhookId: inboundWebhooks.webhookId });
    if (!fresh) {
      const [seen] = await tx
        .select({ result: inboundWebhooks.result })
        .from(inboundWebhooks)
        .where(eq(inboundWebhooks.webhookId, webhookId));
      return { webhookId, duplicate: true, result: seen?.result ?? null };
    }
    const result = await applyInboundEvent(tx, envelope.type, envelope.data, actor);
    await tx.update(inboundWebhooks).set({ result }).where(eq(inboundWebhooks.webhookId, webhookId));
    return { webhookId, duplicate: false, result };
  });
}

/** The raw body (signatures cover the exact bytes), refused past 1 MB whether declared or streamed. */
export async function readRawBody(req: Request, maxBytes = INBOUND_MAX_BYTES): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString("utf8");
}
