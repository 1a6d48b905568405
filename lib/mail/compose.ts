import "server-only";
import { and, asc, inArray, isNull, lte } from "drizzle-orm";
import { createElement } from "react";
import type { Db, DbOrTx } from "@/db";
import { mailMessages, notificationPreferences, notifications, outbox } from "@/db/schema";
import { appBaseUrl } from "@/lib/auth/tokens";
import { getSettings, type Settings } from "@/lib/settings";
import { CATEGORY_LABEL, isOptionalCategory } from "./categories";
import { planMessages, type Planned } from "./events";
import { renderEmail } from "./render";
import type { Brand } from "./templates/layout";
import { Message } from "./templates/message";
import { unsubscribeToken } from "./unsubscribe-token";

export const brandOf = (s: Pick<Settings, "businessName" | "brandLogoUrl" | "brandAccentColor">): Brand => ({
  name: s.businessName,
  logoUrl: s.brandLogoUrl,
  accent: s.brandAccentColor,
  origin: appBaseUrl(),
});

/** The home of a recipient's e-mail choices. */
const preferencesPath = (role: Planned["to"]["role"]) =>
  role === "ADMIN" ? "/admin/notifications" : "/portal/notifications";

/** Renders one planned message: HTML and text from the same template, plus the RFC 8058 headers. */
export function renderPlanned(brand: Brand, p: Planned) {
  const optional = isOptionalCategory(p.category) && p.to.userId;
  const token = optional ? unsubscribeToken(p.to.userId!, p.category as never) : null;
  const unsubscribeUrl = token ? new URL(`/unsubscribe/${token}`, brand.origin).toString() : undefined;
  const footer = {
    reason: optional
      ? `You get this e-mail because "${CATEGORY_LABEL[p.category]}" is on for your account.`
      : `This is an account e-mail from ${brand.name}; it is always sent.`,
    unsubscribeUrl,
    preferencesUrl: p.to.role ? new URL(preferencesPath(p.to.role), brand.origin).toString() : undefined,
  };
  const { html, text } = renderEmail(createElement(Message, { brand, content: p.content, footer }));
  const headers: Record<string, string> = token
    ? {
        "List-Unsubscribe": `<${new URL(`/api/unsubscribe/${token}`, brand.origin).toString()}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      }
    : {};
  return { subject: p.content.subject, html, text, headers };
}

/** Writes planned messages and their inbox rows; categories the recipient turned off get no e-mail. */
export async function writePlanned(tx: DbOrTx, brand: Brand, planned: Planned[], now: Date): Promise<number> {
  if (planned.length === 0) return 0;
  const userIds = [...new Set(planned.map((p) => p.to.userId).filter((id): id is string => !!id))];
  const off = new Map(
    userIds.length
      ? (
          await tx
            .select({ userId: notificationPreferences.userId, off: notificationPreferences.emailOff })
            .from(notificationPreferences)
            .where(inArray(notificationPreferences.userId, userIds))
        ).map((r) => [r.userId, new Set(r.off)])
      : [],
  );
  const mails = planned
    .filter((p) => !(p.to.userId && isOptionalCategory(p.category) && off.get(p.to.userId)?.has(p.category)))
    .map((p) => ({
      userId: p.to.userId,
      toAddress: p.to.email,
      kind: p.kind,
      category: p.category,
      expiresAt: p.expiresAt ?? null,
      nextAttemptAt: now,
      createdAt: now,
      ...renderPlanned(brand, p),
    }));
  if (mails.length) await tx.insert(mailMessages).values(mails);
  const inbox = planned
    .filter((p) => p.to.userId && p.content.inbox)
    .map((p) => ({
      userId: p.to.userId!,
      kind: p.kind,
      category: p.category,
      title: p.content.inbox!.title,
      body: p.content.inbox!.body,
      linkPath: p.content.action?.path ?? null,
      createdAt: now,
    }));
  if (inbox.length) await tx.insert(notifications).values(inbox);
  return mails.length;
}

/**
 * Turns pending outbox rows of topic `email` (sign-in links) and `notify` (domain events) into
 * rendered messages and inbox rows. Rows are claimed with FOR UPDATE SKIP LOCKED and deleted in the
 * same transaction that writes what they became, so each is composed once even with several workers.
 */
export async function composeNotifications(
  db: Db,
  opts: { now?: Date; batch?: number } = {},
): Promise<{ events: number; messages: number }> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? 100;
  const total = { events: 0, messages: 0 };
  for (;;) {
    const r = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: outbox.id, topic: outbox.topic, eventType: outbox.eventType, payload: outbox.payload })
        .from(outbox)
        .where(
          and(inArray(outbox.topic, ["email", "notify"]), isNull(outbox.processedAt), lte(outbox.availableAt, now)),
        )
        .orderBy(asc(outbox.id))
        .limit(batch)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return { events: 0, messages: 0 };
      const brand = brandOf(await getSettings(tx));
      const planned = (await Promise.all(rows.map((row) => planMessages(tx, row)))).flat();
      const messages = await writePlanned(tx, brand, planned, now);
      await tx.delete(outbox).where(
        inArray(
          outbox.id,
          rows.map((x) => x.id),
        ),
      );
      return { events: rows.length, messages };
    });
    total.events += r.events;
    total.messages += r.messages;
    if (r.events < batch) return total;
  }
}
