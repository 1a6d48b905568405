import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, mailMessages, notifications } from "@/db/schema";
import { POST as oneClickRoute } from "@/app/api/unsubscribe/[token]/route";
import { GET as listInbox } from "@/app/api/v1/notifications/route";
import { POST as readInbox } from "@/app/api/v1/notifications/read/route";
import { systemActor } from "@/lib/audit/actor";
import { composeNotifications } from "@/lib/mail/compose";
import { emailOff, setEmailCategories } from "@/lib/mail/preferences";
import { unsubscribeToken, verifyUnsubscribeToken } from "@/lib/mail/unsubscribe-token";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { apiSuite, call } from "../helpers/http";

const oneClick = oneClickRoute as unknown as Parameters<typeof call>[0];

describe("e-mail choices, one-click unsubscribe and the inbox API", () => {
  const { t, testPartners } = apiSuite({ partners: 2 });
  const [a, b] = testPartners;

  /** An event for partner A's referral and one for its reward, composed. */
  async function twoEvents(partnerId = a.partner.id) {
    await enqueueWebhookEvent(t.db, "referral.converted", { id: crypto.randomUUID(), partnerId, leadId: null });
    await enqueueWebhookEvent(t.db, "reward.approved", { id: crypto.randomUUID(), partnerId, amountCents: 1234 });
    await composeNotifications(t.db);
  }
  const mailsTo = async (email: string) =>
    (await t.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email))).map((m) => m.category);

  it("a signed token names one user and one category; a changed one is refused", () => {
    const token = unsubscribeToken(a.user.id, "rewards");
    expect(verifyUnsubscribeToken(token)).toEqual({ userId: a.user.id, category: "rewards" });
    const [u, , sig] = token.split(".");
    expect(verifyUnsubscribeToken(`${u}.payouts.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${b.user.id}.rewards.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${token.slice(0, -2)}xx`)).toBeNull();
    expect(verifyUnsubscribeToken(`${a.user.id}.account.${sig}`)).toBeNull();
  });

  it("one-click POST (RFC 8058) without sign-in turns off only that category; the inbox still records it", async () => {
    await twoEvents();
    expect((await mailsTo(a.user.email)).sort()).toEqual(["referrals", "rewards"]);
    const token = unsubscribeToken(a.user.id, "rewards");
    const res = await call(oneClick, "POST /api/unsubscribe/[token]", {
      params: { token },
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    expect([...(await emailOff(t.db, a.user.id))]).toEqual(["rewards"]);
    // Repeating it is a no-op: no second audit event.
    expect((await call(oneClick, "POST /api/unsubscribe/[token]", { params: { token } })).status).toBe(200);
    const audit = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, a.user.id), eq(events.action, "user.email_unsubscribed")));
    expect(audit).toHaveLength(1);
    expect((await call(oneClick, "POST /api/unsubscribe/[token]", { params: { token: "x.y.z" } })).status).toBe(404);

    await t.db.delete(mailMessages);
    await twoEvents();
    expect(await mailsTo(a.user.email)).toEqual(["referrals"]);
    const inbox = await t.db.select().from(notifications).where(eq(notifications.userId, a.user.id));
    expect(inbox.filter((n) => n.category === "rewards")).toHaveLength(2);
  });

  it("the preferences form sets the role's categories only; account mail cannot be turned off", async () => {
    const off = await setEmailCategories(t.db, b.user.id, ["payouts"], systemActor("test"));
    expect(off.sort()).toEqual(["referrals", "rewards"]);
    await twoEvents(b.partner.id);
    expect(await mailsTo(b.user.email)).toEqual([]);
    await setEmailCategories(t.db, b.user.id, ["referrals", "rewards", "payouts"], systemActor("test"));
    expect([...(await emailOff(t.db, b.user.id))]).toEqual([]);
  });

  it("GET /api/v1/notifications and POST /read cover the caller's own inbox only", async () => {
    const list = await call(listInbox, "GET /api/v1/notifications", { headers: a.headers, query: { limit: 2 } });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.unread).toBe(4);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await call(listInbox, "GET /api/v1/notifications", {
      headers: a.headers,
      query: { limit: 2, cursor: list.body.nextCursor },
    });
    expect(next.body.data).toHaveLength(2);
    expect(new Set([...list.body.data, ...next.body.data].map((n: { id: string }) => n.id)).size).toBe(4);

    const bList = await call(listInbox, "GET /api/v1/notifications", { headers: b.headers });
    const bId = bList.body.data[0].id as string;
    // Partner A cannot mark partner B's entry read.
    const foreign = await call(readInbox, "POST /api/v1/notifications/read", {
      headers: a.headers,
      body: { ids: [bId] },
    });
    expect(foreign.body).toEqual({ marked: 0, unread: 4 });
    const one = await call(readInbox, "POST /api/v1/notifications/read", {
      headers: a.headers,
      body: { ids: [list.body.data[0].id] },
    });
    expect(one.body).toEqual({ marked: 1, unread: 3 });
    const all = await call(readInbox, "POST /api/v1/notifications/read", { headers: a.headers, body: { all: true } });
    expect(all.body).toEqual({ marked: 3, unread: 0 });
    expect((await call(listInbox, "GET /api/v1/notifications", { headers: b.headers })).body.unread).toBe(2);

    const both = await call(readInbox, "POST /api/v1/notifications/read", {
      headers: a.headers,
      body: { ids: [bId], all: true },
    });
    expect(both.status).toBe(400);
    const key = await t.apiKey("ADMIN");
    expect((await call(listInbox, "GET /api/v1/notifications", { headers: key.headers })).status).toBe(403);
  });
});
