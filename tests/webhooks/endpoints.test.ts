import { describe, expect, it } from "vitest";
import { events, webhookDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { deliverDue } from "@/lib/webhooks/deliver";
import { getDelivery, listDeliveries } from "@/lib/webhooks/deliveries";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, updateEndpoint } from "@/lib/webhooks/endpoints";
import { dbSuite } from "../helpers/db";
import { receiverSuite } from "./receiver";

const admin: Actor = { type: "USER", id: "admin-test", label: "admin@test", role: "ADMIN" };

describe("webhook endpoints and the delivery log", () => {
  const t = dbSuite();
  const rx = receiverSuite();

  it("never lists or returns the secret after creation; changes are audited", async () => {
    const ep = await createEndpoint(
      t.db,
      { url: rx.url, description: "CRM", events: ["reward.paid", "REWARD.PAID"] },
      admin,
    );
    expect(ep.events).toEqual(["reward.paid"]);
    const listed = await listEndpoints(t.db);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("secret");
    expect(await getEndpoint(t.db, ep.id)).not.toHaveProperty("secret");
    const updated = await updateEndpoint(t.db, ep.id, { enabled: false, events: [] }, admin);
    expect(updated).toMatchObject({ enabled: false, events: [], disabledReason: "Disabled by an admin" });
    expect((await updateEndpoint(t.db, ep.id, { enabled: true }, admin)).disabledReason).toBeNull();
    const audit = await t.db.select().from(events);
    expect(audit.map((e) => e.action).sort()).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.updated",
      "webhook_endpoint.updated",
    ]);
    expect(JSON.stringify(audit)).not.toContain(ep.secret);
  });

  it("unknown or malformed ids answer not_found; bad changes name the field", async () => {
    await expect(getEndpoint(t.db, "nope")).rejects.toMatchObject({ code: "not_found" });
    await expect(
      updateEndpoint(t.db, "00000000-0000-4000-8000-000000000000", { enabled: true }, admin),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteEndpoint(t.db, "1; drop table x", admin)).rejects.toMatchObject({ code: "not_found" });
    await expect(getDelivery(t.db, "x")).rejects.toMatchObject({ code: "not_found" });
    const [ep] = await listEndpoints(t.db);
    await expect(updateEndpoint(t.db, ep.id, { enabled: "yes" }, admin)).rejects.toMatchObject({
      errors: [{ path: "enabled" }],
    });
    await expect(updateEndpoint(t.db, ep.id, { url: "https://x" }, admin)).rejects.toMatchObject({
      code: "validation",
    });
  });

  it("lists deliveries with filters and shows every attempt of one", async () => {
    await enqueueWebhookEvent(t.db, "reward.paid", { id: "w1" });
    await enqueueWebhookEvent(t.db, "partner.created", { id: "p1" });
    await dispatchOutbox(t.db);
    rx.respondWith(500);
    await deliverDue(t.db);
    const all = await listDeliveries(t.db, {});
    expect(all.pagination).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    const pending = await listDeliveries(t.db, { status: "pending" });
    expect(pending.data).toHaveLength(1);
    expect(pending.data[0]).toMatchObject({ status: "PENDING", attempts: 1, endpointUrl: rx.url });
    expect((await listDeliveries(t.db, { status: "succeeded,pending" })).data).toHaveLength(2);
    expect((await listDeliveries(t.db, { eventType: "reward.paid" })).data).toHaveLength(1);
    await expect(listDeliveries(t.db, { status: "LOST" })).rejects.toMatchObject({ code: "validation" });
    await expect(listDeliveries(t.db, { pageSize: "500" })).rejects.toMatchObject({ errors: [{ path: "pageSize" }] });
    await expect(listDeliveries(t.db, { sort: "x" })).rejects.toMatchObject({ code: "validation" });
    const detail = await getDelivery(t.db, pending.data[0].id);
    expect(detail.attemptLog.map((a) => a.statusCode)).toEqual([500]);
  });

  it("deleting an endpoint removes it with its delivery log", async () => {
    const [ep] = await listEndpoints(t.db);
    await deleteEndpoint(t.db, ep.id, admin);
    expect(await listEndpoints(t.db)).toEqual([]);
    expect(await t.db.select().from(webhookDeliveries)).toEqual([]);
  });
});
