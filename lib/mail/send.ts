import "server-only";
import { and, eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/db";
import { mailAddressFailures, mailMessages } from "@/db/schema";
import { appBaseUrl } from "@/lib/auth/tokens";
import { env } from "@/lib/env";
import { claimDue } from "@/lib/outbox/lease";
import { getSettings } from "@/lib/settings";

/**
 * Waits before retry n (1-based) after a temporary failure (4xx, network, timeout). After the last
 * one fails the message is ABANDONED: 6 attempts over about 10½ hours (docs/notifications.md).
 */
export const MAIL_RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 28_800_000];
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;
/** A claimed message is invisible to other workers this long (longer than the SMTP timeouts). */
const LEASE_MS = 120_000;

export type MailOutcome = "sent" | "captured" | "retrying" | "failed" | "abandoned";
export type SendMailResult = Record<MailOutcome, number>;

const g = globalThis as unknown as { __rpMailTransport?: { url: string; t: Transporter } };

/** One pooled transport per SMTP_URL and process. */
function transportFor(url: string): Transporter {
  if (g.__rpMailTransport?.url !== url)
    g.__rpMailTransport = {
      url,
      t: nodemailer.createTransport(url, { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 }),
    };
  return g.__rpMailTransport.t;
}

/** MAIL_FROM, else the business name at no-reply@ the public origin's host. */
export function mailFrom(businessName: string): string {
  const configured = env().MAIL_FROM;
  if (configured) return configured;
  const host = new URL(appBaseUrl()).hostname;
  return `"${businessName.replace(/["\\\r\n]/g, "")}" <no-reply@${host}>`;
}

const links = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];

/** A permanent refusal is an SMTP 5xx reply; anything else (4xx, network, timeout) is worth a retry. */
export const isPermanent = (e: unknown) => {
  const code = (e as { responseCode?: unknown })?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
};

/**
 * Sends due messages over SMTP_URL. Without SMTP_URL nothing is sent: each message is marked
 * CAPTURED (kept for /admin/mail) and, in development, printed to the log with its links.
 * Each outcome is written with a guard on the attempt count seen at claim time.
 */
export async function sendDueMail(db: Db, opts: { now?: Date; limit?: number } = {}): Promise<SendMailResult> {
  const now = opts.now ?? new Date();
  const result: SendMailResult = { sent: 0, captured: 0, retrying: 0, failed: 0, abandoned: 0 };
  const claimed = await claimDue(db, mailMessages, now, opts.limit ?? 50, LEASE_MS);
  if (claimed.length === 0) return result;
  const { SMTP_URL, NODE_ENV } = env();
  const from = mailFrom((await getSettings(db)).businessName);
  const host = new URL(appBaseUrl()).hostname;
  for (const m of claimed) {
    const guard = and(
      eq(mailMessages.id, m.id),
      eq(mailMessages.status, "PENDING"),
      eq(mailMessages.attempts, m.attempts),
    );
    if (!SMTP_URL) {
      await db.update(mailMessages).set({ status: "CAPTURED" }).where(guard);
      if (NODE_ENV === "development")
        console.log(
          `[mail] not sent (no SMTP_URL) to ${m.toAddress}: ${m.subject}\n${links(m.text)
            .map((l) => `  ${l}`)
            .join("\n")}`,
        );
      result.captured++;
      continue;
    }
    const attempts = m.attempts + 1;
    try {
      await transportFor(SMTP_URL).sendMail({
        from,
        to: m.toAddress,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: m.headers,
        messageId: `<${m.id}@${host}>`,
      });
      await db.transaction(async (tx) => {
        await tx.update(mailMessages).set({ status: "SENT", attempts, sentAt: now, lastError: null }).where(guard);
        await tx.delete(mailAddressFailures).where(eq(mailAddressFailures.address, m.toAddress));
      });
      result.sent++;
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      if (isPermanent(e)) {
        await db.transaction(async (tx) => {
          await tx.update(mailMessages).set({ status: "FAILED", attempts, lastError: error }).where(guard);
          await tx
            .insert(mailAddressFailures)
            .values({ address: m.toAddress, reason: error, failedAt: now })
            .onConflictDoUpdate({ target: mailAddressFailures.address, set: { reason: error, failedAt: now } });
        });
        result.failed++;
      } else if (attempts >= MAIL_MAX_ATTEMPTS) {
        await db.update(mailMessages).set({ status: "ABANDONED", attempts, lastError: error }).where(guard);
        result.abandoned++;
      } else {
        const next = new Date(now.getTime() + MAIL_RETRY_DELAYS_MS[attempts - 1]);
        await db.update(mailMessages).set({ attempts, nextAttemptAt: next, lastError: error }).where(guard);
        result.retrying++;
      }
    }
  }
  return result;
}
