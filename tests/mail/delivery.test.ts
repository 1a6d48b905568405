import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mailAddressFailures, mailMessages, outbox, partners } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { createPartnerUser } from "@/lib/auth/tokens";
import { composeNotifications } from "@/lib/mail/compose";
import { purgeExpired } from "@/lib/jobs/purge";
import { MAIL_MAX_ATTEMPTS, MAIL_RETRY_DELAYS_MS, sendDueMail } from "@/lib/mail/send";
import { setEnv } from "../helpers/env";
import { setupApiTest, type ApiTest } from "../helpers/http";
import { startSmtp } from "../helpers/smtp";

const actor = systemActor("test");
let n = 0;

describe("mail: outbox → composed message → SMTP", () => {
  let t: ApiTest;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    t = await setupApiTest();
    smtp = await startSmtp({ permanent: ["gone@test.example"], temporary: ["busy@test.example"] });
    setEnv({ SMTP_URL: smtp.url, APP_URL: "https://partners.example.com", MAIL_FROM: undefined });
  });
  afterEach(() => smtp.clear());
  afterAll(async () => {
    setEnv({ SMTP_URL: undefined, APP_URL: undefined });
    await smtp.close();
    await t.close();
  });

  async function invite(email = `ina${++n}@test.example`, db: ApiTest["db"] = t.db) {
    const [p] = await db
      .insert(partners)
      .values({ firstName: "Ina", lastName: "Vite", email, status: "ACTIVE" })
      .returning();
    return createPartnerUser(db, { partnerId: p.id, email, name: "Ina Vite" }, actor);
  }
  const run = async (now = new Date()) => {
    await composeNotifications(t.db, { now });
    return sendDueMail(t.db, { now });
  };

  it("sends an invitation: envelope, subject, both parts with the absolute link, no unsubscribe (account mail)", async () => {
    const { invitation, user } = await invite();
    expect(invitation.url.startsWith("https://partners.example.com/invite/")).toBe(true);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const [m] = smtp.received;
    expect(m.to).toEqual([user.email]);
    expect(m.from).toBe("no-reply@partners.example.com");
    expect(m.mail.from?.text).toBe('"Acme Insurance Quotes" <no-reply@partners.example.com>');
    expect(m.mail.subject).toBe("You are invited to the partner program");
    expect(m.mail.text).toContain(`Choose your password: ${invitation.url}`);
    expect(m.mail.html).toContain(`href="${invitation.url}"`);
    expect(m.mail.headers.has("list-unsubscribe")).toBe(false);
    const [row] = await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, user.email));
    expect(row).toMatchObject({ status: "SENT", attempts: 1, kind: "invitation", category: "account" });
    expect(row.expiresAt?.getTime()).toBe(invitation.expiresAt.getTime());
    expect(m.mail.messageId).toBe(`<${row.id}@partners.example.com>`);
    expect((await run()).sent).toBe(0);
  });

  it("a rolled-back change sends nothing", async () => {
    const email = `rolled${++n}@test.example`;
    await expect(
      t.db.transaction(async (tx) => {
        await invite(email, tx as never);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await composeNotifications(t.db)).toEqual({ events: 0, messages: 0 });
    expect(await sendDueMail(t.db)).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email))).toHaveLength(0);
  });

  it("a 5xx marks the message FAILED and the address failing; a later accepted message clears the mark", async () => {
    await invite("gone@test.example");
    expect(await run()).toMatchObject({ failed: 1, sent: 0, retrying: 0 });
    const [row] = await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, "gone@test.example"));
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toContain("550");
    const [mark] = await t.db
      .select()
      .from(mailAddressFailures)
      .where(eq(mailAddressFailures.address, "gone@test.example"));
    expect(mark.reason).toContain("No such user");
    expect((await run()).failed).toBe(0);
  });

  it("temporary failures follow the schedule, then stop (ABANDONED after the last attempt)", async () => {
    await invite("busy@test.example");
    let now = new Date();
    await composeNotifications(t.db, { now });
    const row = async () =>
      (await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, "busy@test.example")))[0];
    for (let attempt = 1; attempt < MAIL_MAX_ATTEMPTS; attempt++) {
      expect(await sendDueMail(t.db, { now })).toMatchObject({ retrying: 1 });
      const r = await row();
      expect(r).toMatchObject({ status: "PENDING", attempts: attempt });
      expect(r.nextAttemptAt.getTime() - now.getTime()).toBe(MAIL_RETRY_DELAYS_MS[attempt - 1]);
      // Not due a millisecond early.
      expect(await sendDueMail(t.db, { now: new Date(r.nextAttemptAt.getTime() - 1) })).toMatchObject({ retrying: 0 });
      now = r.nextAttemptAt;
    }
    expect(await sendDueMail(t.db, { now })).toMatchObject({ abandoned: 1 });
    expect(await row()).toMatchObject({ status: "ABANDONED", attempts: MAIL_MAX_ATTEMPTS });
    expect(await sendDueMail(t.db, { now: new Date(now.getTime() + 86_400_000 * 30) })).toMatchObject({
      abandoned: 0,
      retrying: 0,
    });
    expect(MAIL_MAX_ATTEMPTS).toBe(6);
  });

  it("the purge drops finished messages once their link expired or after 30 days, never PENDING ones", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const base = { kind: "t", category: "account", subject: "s", html: "h", text: "t", headers: {} };
    const rows = await t.db
      .insert(mailMessages)
      .values([
        { ...base, toAddress: "p1@purge.test", status: "SENT", createdAt: ago(31) },
        { ...base, toAddress: "p2@purge.test", status: "CAPTURED", createdAt: ago(1), expiresAt: ago(0.01) },
        { ...base, toAddress: "k1@purge.test", status: "PENDING", createdAt: ago(40), nextAttemptAt: ago(-1) },
        { ...base, toAddress: "k2@purge.test", status: "SENT", createdAt: ago(29) },
      ])
      .returning({ id: mailMessages.id, to: mailMessages.toAddress });
    expect((await purgeExpired(t.db, now)).mailMessages).toBe(2);
    const left = await t.db.select({ to: mailMessages.toAddress }).from(mailMessages);
    const ours = left.map((r) => r.to).filter((to) => to.endsWith("@purge.test"));
    expect(ours.sort()).toEqual(["k1@purge.test", "k2@purge.test"]);
    expect(rows).toHaveLength(4);
  });

  it("without SMTP_URL nothing is sent, and every message is kept with both parts", async () => {
    setEnv({ SMTP_URL: undefined });
    try {
      const { user } = await invite();
      expect(await run()).toMatchObject({ captured: 1, sent: 0 });
      expect(smtp.received).toHaveLength(0);
      const [row] = await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, user.email));
      expect(row.status).toBe("CAPTURED");
      expect(row.html).toContain("<h1");
      expect(row.text).toContain("https://partners.example.com/invite/");
      expect(await t.db.select().from(outbox).where(eq(outbox.topic, "email"))).toHaveLength(0);
    } finally {
      setEnv({ SMTP_URL: smtp.url });
    }
  });
});
