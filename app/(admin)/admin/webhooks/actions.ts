"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { replayDelivery } from "@/lib/webhooks/deliveries";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import { rotateInboundSecret } from "@/lib/webhooks/inbound-secret";
import { createEndpointSchema } from "@/lib/webhooks/schemas";

// Ids are checked by the lib functions; ids that match nothing answer "not found".
const byId = z.object({ id: z.string() }).strict();

export const createEndpointAction = adminAction(createEndpointSchema, async (input, { db, actor }) => {
  const e = await createEndpoint(db, input, actor);
  return { id: e.id, url: e.url, secret: e.secret };
});

export const setEndpointEnabledAction = adminAction(
  z.object({ id: z.string(), enabled: z.boolean() }).strict(),
  async ({ id, enabled }, { db, actor }) => (await updateEndpoint(db, id, { enabled }, actor)).id,
);

export const deleteEndpointAction = adminAction(byId, async ({ id }, { db, actor }) => deleteEndpoint(db, id, actor));

export const replayDeliveryAction = adminAction(
  byId,
  async ({ id }, { db, actor }) => (await replayDelivery(db, id, actor)).id,
);

/** Generates a new inbound secret, or stores one pasted from the CRM; either way shown once. */
export const rotateInboundSecretAction = adminAction(
  z.object({ secret: z.string().optional() }).strict(),
  async ({ secret }, { db, actor }) => rotateInboundSecret(db, actor, secret?.trim() || undefined),
);
