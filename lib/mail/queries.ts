import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { mailAddressFailures, mailMessages } from "@/db/schema";
import { isUuid } from "@/lib/validation";

export type MailMessage = typeof mailMessages.$inferSelect;
export type MailListRow = Pick<
  MailMessage,
  "id" | "toAddress" | "subject" | "kind" | "category" | "status" | "attempts" | "lastError" | "createdAt"
>;

/** The newest messages first (the admin's mail catcher); `to` narrows to one address. */
export async function listMail(db: DbOrTx, opts: { to?: string; limit?: number } = {}): Promise<MailListRow[]> {
  return db
    .select({
      id: mailMessages.id,
      toAddress: mailMessages.toAddress,
      subject: mailMessages.subject,
      kind: mailMessages.kind,
      category: mailMessages.category,
      status: mailMessages.status,
      attempts: mailMessages.attempts,
      lastError: mailMessages.lastError,
      createdAt: mailMessages.createdAt,
    })
    .from(mailMessages)
    .where(opts.to ? eq(mailMessages.toAddress, opts.to.trim().toLowerCase()) : undefined)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(Math.min(opts.limit ?? 100, 500));
}

export async function getMail(db: DbOrTx, id: string): Promise<MailMessage | null> {
  if (!isUuid(id)) return null;
  const [m] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return m ?? null;
}

export const listFailingAddresses = (db: DbOrTx) =>
  db.select().from(mailAddressFailures).orderBy(desc(mailAddressFailures.failedAt)).limit(200);

/** Why mail to this address fails permanently, or null (the portal's banner). */
export async function addressFailure(db: DbOrTx, address: string): Promise<string | null> {
  const [f] = await db
    .select({ reason: mailAddressFailures.reason })
    .from(mailAddressFailures)
    .where(eq(mailAddressFailures.address, address.toLowerCase()));
  return f?.reason ?? null;
}
