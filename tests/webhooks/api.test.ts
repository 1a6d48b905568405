import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listDeliveries } from "@/app/api/v1/webhooks/deliveries/route";
import { GET as getDelivery } from "@/app/api/v1/webhooks/deliveries/[id]/route";
import { POST as replay } from "@/app/api/v1/webhooks/deliveries/[id]/replay/route";
import { GET as listEndpoints, POST as createEndpoint } from "@/app/api/v1/webhooks/endpoints/route";
import {
  DELETE as deleteEndpoint,
  GET as getEndpoint,
  PATCH as patchEndpoint,
} from "@/app/api/v1/webhooks/endpoints/[id]/route";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { deliverDue } from "@/lib/webhooks/deliver";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { call, setupApiTest, type ApiTest } from "../helpers/http";
import { startReceiver } from "./receiver";
import { setEnv } from "../helpers/env";

describe("webhooks admin API", () => {
  let t: ApiTest;
  let h: Record<string, string>;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    t = await setupApiTest();
    h = (await t.admin()).headers;
    rx = await startReceiver();
  });
  afterAll(async () => {
    setEnv({ WEBHOOKS_ALLOW_PRIVATE: undefined });
    await rx.close();
    await t.close();
  });

  it("refuses private URLs (400 naming url), unknown fields and unknown events; nothing is written", async () => {
    setEnv({ WEBHOOKS_ALLOW_PRIVATE: undefined });
    const priv = await call(createEndpoint, "POST /api/v1/webhooks/endpoints", { headers: h, body: { url: rx.url } });
    expect(priv.status).toBe(400);
    expect(priv.body.errors).toEqual([expect.objectContaining({ path: "url" })]);
    const extra = await call(createEndpoint, "POST /api/v1/webhooks/endpoints", {
      headers: h,
      body: { url: "https://93.184.215.14/", secret: "mine" },
    });
    expect(extra.status).toBe(400);
    const ev = await call(createEndpoint, "POST /api/v1/webhooks/endpoints", {
      headers: h,
      body: { url: "https://93.184.215.14/", events: ["nope"] },
    });
    expect(ev.status).toBe(400);
    expect(ev.body.errors[0].path).toContain("events");
    expect((await call(listEndpoints, "GET /api/v1/webhooks/endpoints", { headers: h })).body.data).toEqual([]);
  });

  it("creates (201, secret shown once), lists and reads without the secret, patches and deletes", async () => {
    setEnv({ WEBHOOKS_ALLOW_PRIVATE: "1" });
    const res = await call(createEndpoint, "POST /api/v1/webhooks/endpoints", {
      headers: h,
      body: { url: rx.url, events: ["referral.created"] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      url: rx.url,
      events: ["referral.created"],
      enabled: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const id = res.body.id;
    const list = await call(listEndpoints, "GET /api/v1/webhooks/endpoints", { headers: h });
    expect(list.body).toMatchObject({ data: [{ id }], pagination: { total: 1 } });
    expect(list.body.data[0].secret).toBeUndefined();
    expect(
      (await call(getEndpoint, "GET /api/v1/webhooks/endpoints/[id]", { headers: h, params: { id } })).body.secret,
    ).toBeUndefined();
    const off = await call(patchEndpoint, "PATCH /api/v1/webhooks/endpoints/[id]", {
      headers: h,
      params: { id },
      body: { enabled: false },
    });
    expect(off.body).toMatchObject({ enabled: false });
    expect(
      (await call(getEndpoint, "GET /api/v1/webhooks/endpoints/[id]", { headers: h, params: { id: "nope" } })).status,
    ).toBe(404);
    expect(
      (await call(patchEndpoint, "PATCH /api/v1/webhooks/endpoints/[id]", { headers: h, params: { id }, body: "{bad" }))
        .status,
    ).toBe(400);
    expect(
      (await call(deleteEndpoint, "DELETE /api/v1/webhooks/endpoints/[id]", { headers: h, params: { id } })).status,
    ).toBe(204);
    expect(
      (await call(deleteEndpoint, "DELETE /api/v1/webhooks/endpoints/[id]", { headers: h, params: { id } })).status,
    ).toBe(404);
  });

  it("lists deliveries, shows attempts, replays (201; 409 while the endpoint is disabled)", async () => {
    setEnv({ WEBHOOKS_ALLOW_PRIVATE: "1" });
    const ep = (await call(createEndpoint, "POST /api/v1/webhooks/endpoints", { headers: h, body: { url: rx.url } }))
      .body;
    await enqueueWebhookEvent(t.db, "payout.paid", { id: "po-1" });
    await dispatchOutbox(t.db);
    await deliverDue(t.db);
    const list = await call(listDeliveries, "GET /api/v1/webhooks/deliveries", {
      headers: h,
      query: { status: "succeeded", endpointId: ep.id },
    });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const id = list.body.data[0].id;
    const one = await call(getDelivery, "GET /api/v1/webhooks/deliveries/[id]", { headers: h, params: { id } });
    expect(one.body).toMatchObject({
      status: "SUCCEEDED",
      eventType: "payout.paid",
      attemptLog: [{ statusCode: 200 }],
    });
    expect(
      (await call(listDeliveries, "GET /api/v1/webhooks/deliveries", { headers: h, query: { pageSize: 101 } })).status,
    ).toBe(400);
    expect(
      (await call(listDeliveries, "GET /api/v1/webhooks/deliveries", { headers: h, query: { status: "bogus" } }))
        .status,
    ).toBe(400);
    const again = await call(replay, "POST /api/v1/webhooks/deliveries/[id]/replay", { headers: h, params: { id } });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: "PENDING", messageId: one.body.messageId });
    await call(patchEndpoint, "PATCH /api/v1/webhooks/endpoints/[id]", {
      headers: h,
      params: { id: ep.id },
      body: { enabled: false },
    });
    const refused = await call(replay, "POST /api/v1/webhooks/deliveries/[id]/replay", { headers: h, params: { id } });
    expect(refused.status).toBe(409);
  });
});
