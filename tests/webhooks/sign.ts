import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** Headers a CRM would send: signed with the library, per Standard Webhooks. */
export function signedRequest(secret: string, payload: unknown, opts: { id?: string; at?: Date } = {}) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  const headers = new Headers({
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  });
  return { id, body, headers };
}
