"use server";
import { getDb } from "@/db";
import { asAdmin } from "@/lib/webhooks/admin-action";
import { replayDelivery } from "@/lib/webhooks/deliveries";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import { rotateInboundSecret } from "@/lib/webhooks/inbound-secret";

// Inputs are parsed by the lib functions (strict zod schemas); ids that match nothing answer "not found".

export async function createEndpointAction(input: { url: string; description?: string; events: string[] }) {
  return asAdmin(async (actor) => {
    const e = await createEndpoint(await getDb(), input, actor);
    return { id: e.id, url: e.url, secret: e.secret };
  });
}

export async function setEndpointEnabledAction(id: string, enabled: boolean) {
  return asAdmin(
    async (actor) => (await updateEndpoint(await getDb(), String(id), { enabled: Boolean(enabled) }, actor)).id,
  );
}

export async function deleteEndpointAction(id: string) {
  return asAdmin(async (actor) => deleteEndpoint(await getDb(), String(id), actor));
}

export async function replayDeliveryAction(id: string) {
  return asAdmin(async (actor) => (await replayDelivery(await getDb(), String(id), actor)).id);
}

/** Generates a new inbound secret, or stores one pasted from the CRM; either way shown once. */
export async function rotateInboundSecretAction(given?: string) {
  return asAdmin(async (actor) => rotateInboundSecret(await getDb(), actor, given?.trim() || undefined));
}
