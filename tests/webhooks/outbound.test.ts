import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { outbox, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { deliverDue, GIVE_UP_AFTER_MS, RETRY_DELAYS_MS } from "@/lib/webhooks/deliver";
import { replayDelivery } from "@/lib/webhooks/deliveries";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { DRIVERS, dbSuite } from "../helpers/db";
import { receiverSuite } from "./receiver";

const admin: Actor = { type: "USER", id: "admin-test", label: "admin@test", role: "ADMIN" };
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe.each(DRIVERS)("outbound webhooks on %s", (_driver, create) => {
  const t = dbSuite(create);
  const rx = receiverSuite();
  afterEach(async () => {
    // Each test starts with no endpoints and an empty queue.
    await t.db.delete(webhookAttempts);
    await t.db.delete(webhookDeliveries);
    await t.db.delete(webhookEndpoints);
    await t.db.delete(outbox);
    rx.received.length = 0;
  });

  it("delivers an event signed per Standard Webhooks, webhook-id = the outbox event id", async () => {
    const ep = await createEndpoint(t.db, { url: rx.url, events: ["Referral.Created"] }, admin);
    expect(ep.secret).toMatch(/^whsec_/);
    await t.db.transaction((tx) => enqueueWebhookEvent(tx, "referral.created", { id: "r1", status: "PENDING" }));
    const now = new Date();
    expect(await dispatchOutbox(t.db, { now })).toEqual({ events: 1, deliveries: 1 });
    const r = await deliverDue(t.db, { now });
    expect(r).toMatchObject({ attempted: 1, succeeded: 1 });

    expect(rx.received).toHaveLength(1);
    const [msg] = rx.received;
    const payload = new Webhook(ep.secret).verify(msg.body, msg.headers) as { type: string; data: { id: string } };
    expect(payload.type).toBe("referral.created");
    expect(payload.data.id).toBe("r1");
    const [row] = await t.db.select().from(outbox).where(eq(outbox.topic, "webhook"));
    expect(msg.headers["webhook-id"]).toBe(row.eventId);
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another secret").toString("base64")}`).verify(msg.body, msg.headers),
    ).toThrow();

    const [d] = await t.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastStatusCode: 200 });
    expect(await t.db.select().from(webhookAttempts)).toHaveLength(1);
  });

  it("sends only subscribed events; an empty subscription means every event", async () => {
    await createEndpoint(t.db, { url: rx.url, events: ["reward.paid"] }, admin);
    await createEndpoint(t.db, { url: rx.url }, admin);
    await enqueueWebhookEvent(t.db, "partner.created", { id: "p1" });
    await enqueueWebhookEvent(t.db, "reward.paid", { id: "w1" });
    expect(await dispatchOutbox(t.db)).toEqual({ events: 2, deliveries: 3 });
  });

  it("retries a 500 on the backoff schedule and succeeds later; every attempt is logged", async () => {
    await createEndpoint(t.db, { url: rx.url }, admin);
    await enqueueWebhookEvent(t.db, "reward.approved", { id: "w2" });
    const t0 = new Date();
    await dispatchOutbox(t.db, { now: t0 });
    rx.respondWith(500);
    expect(await deliverDue(t.db, { now: t0 })).toMatchObject({ attempted: 1, retrying: 1 });
    let [d] = await t.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500 });
    expect(d.nextAttemptAt.getTime()).toBe(t0.getTime() + RETRY_DELAYS_MS[0]);

    expect(await deliverDue(t.db, { now: at(t0, RETRY_DELAYS_MS[0] - 1000) })).toMatchObject({ attempted: 0 });
    expect(await deliverDue(t.db, { now: at(t0, RETRY_DELAYS_MS[0]) })).toMatchObject({ attempted: 1, succeeded: 1 });
    [d] = await t.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    expect(rx.received).toHaveLength(2);
    expect(rx.received[0].headers["webhook-id"]).toBe(rx.received[1].headers["webhook-id"]);
    const attempts = await t.db.select().from(webhookAttempts).orderBy(webhookAttempts.attemptedAt);
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 200]);
  });

  it("gives up after 24 hours of failures (ABANDONED), following 5 s, 30 s, 2 min, 15 min, 1 h, 6 h", async () => {
    await createEndpoint(t.db, { url: rx.url }, admin);
    await enqueueWebhookEvent(t.db, "reward.cancelled", { id: "w3" });
    const t0 = new Date();
    await dispatchOutbox(t.db, { now: t0 });
    await t.db.update(webhookDeliveries).set({ createdAt: t0 });
    const times: number[] = [];
    for (let now = t0, i = 0; i < 20; i++) {
      rx.respondWith(503);
      await deliverDue(t.db, { now });
      times.push(now.getTime() - t0.getTime());
      const [d] = await t.db.select().from(webhookDeliveries);
      if (d.status !== "PENDING") break;
      now = d.nextAttemptAt;
    }
    const [d] = await t.db.select().from(webhookDeliveries);
    expect(d.status).toBe("ABANDONED");
    const gaps = times.slice(1).map((x, i) => x - times[i]);
    expect(gaps.slice(0, 6)).toEqual(RETRY_DELAYS_MS);
    expect(times.at(-1)!).toBeLessThanOrEqual(GIVE_UP_AFTER_MS);
    expect(times.at(-1)! + RETRY_DELAYS_MS.at(-1)!).toBeGreaterThan(GIVE_UP_AFTER_MS);
    expect(await t.db.select().from(webhookAttempts)).toHaveLength(times.length);
  });

  it("410 Gone disables the endpoint; later events create no deliveries for it", async () => {
    const ep = await createEndpoint(t.db, { url: rx.url }, admin);
    await enqueueWebhookEvent(t.db, "payout.paid", { id: "po1" });
    await dispatchOutbox(t.db);
    rx.respondWith(410);
    expect(await deliverDue(t.db)).toMatchObject({ gone: 1 });
    const [e] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, ep.id));
    expect(e.enabled).toBe(false);
    expect(e.disabledReason).toMatch(/410/);
    const [d] = await t.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "FAILED", lastStatusCode: 410 });
    await enqueueWebhookEvent(t.db, "payout.paid", { id: "po2" });
    expect(await dispatchOutbox(t.db)).toEqual({ events: 1, deliveries: 0 });
    await expect(replayDelivery(t.db, d.id, admin)).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("a change that rolls back sends nothing", async () => {
    await createEndpoint(t.db, { url: rx.url }, admin);
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueWebhookEvent(tx, "partner.created", { id: "p-rolled-back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await dispatchOutbox(t.db)).toEqual({ events: 0, deliveries: 0 });
    expect(await deliverDue(t.db)).toMatchObject({ attempted: 0 });
    expect(rx.received).toHaveLength(0);
  });

  it("replays a delivery as a new delivery of the same message", async () => {
    const ep = await createEndpoint(t.db, { url: rx.url }, admin);
    await enqueueWebhookEvent(t.db, "referral.converted", { id: "r9" });
    await dispatchOutbox(t.db);
    await deliverDue(t.db);
    const [first] = await t.db.select().from(webhookDeliveries);
    const copy = await replayDelivery(t.db, first.id, admin);
    expect(copy).toMatchObject({ status: "PENDING", messageId: first.messageId, endpointId: ep.id });
    expect(await deliverDue(t.db)).toMatchObject({ succeeded: 1 });
    expect(rx.received.map((m) => m.headers["webhook-id"])).toEqual([first.messageId, first.messageId]);
    new Webhook(ep.secret).verify(rx.received[1].body, rx.received[1].headers);
  });
});
