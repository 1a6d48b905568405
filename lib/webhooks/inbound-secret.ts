import "server-only";
import { desc, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db, DbOrTx } from "@/db";
import { inboundWebhooks, settings } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { generateWebhookSecret } from "./endpoints";

export interface InboundSecretStatus {
  configured: boolean;
  /** The last four characters, so an admin can tell which secret is live without seeing it. */
  hint: string | null;
  updatedAt: Date | null;
}

export async function getInboundSecretStatus(db: DbOrTx): Promise<InboundSecretStatus> {
  const [row] = await db
    .select({ secret: settings.inboundWebhookSecret, updatedAt: settings.updatedAt })
    .from(settings)
    .where(eq(settings.id, 1));
  const secret = row?.secret ?? null;
  return { configured: !!secret, hint: secret ? secret.slice(-4) : null, updatedAt: secret ? row.updatedAt : null };
}

/** A secret the Standard Webhooks library accepts: `whsec_` + base64 of at least 24 bytes. */
function checkSecret(secret: string): string {
  const s = secret.trim();
  const bytes =
    s.startsWith("whsec_") && /^[A-Za-z0-9+/]+=*$/.test(s.slice(6)) ? Buffer.from(s.slice(6), "base64").length : 0;
  if (bytes < 24) {
    throw new AppError("validation", "The secret must be whsec_ followed by base64 of at least 24 bytes", {
      errors: [{ path: "secret", message: "Use whsec_ followed by base64 of at least 24 random bytes" }],
    });
  }
  new Webhook(s); // throws on anything the library cannot use
  return s;
}

/**
 * Sets the inbound CRM secret: a given one (pasted from the CRM) or a new random one. Returns it;
 * this is the only time it is shown. The old secret stops working at once.
 */
export async function rotateInboundSecret(db: Db, actor: Actor, given?: string): Promise<string> {
  const secret = given ? checkSecret(given) : generateWebhookSecret();
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ secret: settings.inboundWebhookSecret })
      .from(settings)
      .where(eq(settings.id, 1))
      .for("update");
    await tx.update(settings).set({ inboundWebhookSecret: secret }).where(eq(settings.id, 1));
    await recordEvent(tx, actor, {
      entityType: "settings",
      entityId: "1",
      action: before?.secret ? "inbound_webhook_secret.rotated" : "inbound_webhook_secret.set",
      data: { hint: secret.slice(-4) },
    });
  });
  return secret;
}

/** The latest inbound events, for the admin page. */
export async function listRecentInbound(db: DbOrTx, limit = 20) {
  return db.select().from(inboundWebhooks).orderBy(desc(inboundWebhooks.receivedAt)).limit(Math.min(limit, 100));
}
