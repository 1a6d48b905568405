import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { webhookDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { deliverDue } from "@/lib/webhooks/deliver";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { sendWebhook } from "@/lib/webhooks/send";
import { isPrivateAddress } from "@/lib/webhooks/ssrf";
import { dbSuite } from "../helpers/db";
import { setEnv } from "../helpers/env";

const admin: Actor = { type: "USER", id: "admin-test", label: "admin@test", role: "ADMIN" };

describe("SSRF guard", () => {
  const t = dbSuite();
  afterEach(() => {
    setEnv({ WEBHOOKS_ALLOW_PRIVATE: undefined });
  });

  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.20.0.1", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["::1", true],
    ["fe80::1", true],
    ["fd00::1", true],
    ["::ffff:127.0.0.1", true],
    // IPv6 forms that embed an IPv4 address are judged by that address.
    ["::127.0.0.1", true],
    ["::7f00:1", true],
    ["::a00:1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:0:127.0.0.1", true],
    ["0:0:0:0:0:ffff:a9fe:a9fe", true],
    ["64:ff9b::127.0.0.1", true],
    ["64:ff9b::a9fe:a9fe", true],
    ["64:ff9b:1::a00:1", true],
    ["2002:7f00:1::", true],
    ["2002:c0a8:101::1", true],
    ["2002:a9fe:a9fe:1::1", true],
    ["2002:808:808::1", false],
    ["::ffff:8.8.8.8", false],
    ["8.8.8.8", false],
    ["93.184.215.14", false],
    ["2606:4700:4700::1111", false],
  ])("%s private: %s", (addr, expected) => {
    expect(isPrivateAddress(addr)).toBe(expected);
  });

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost/hook",
    "http://10.0.0.5/x",
    "http://[::1]/x",
    "http://169.254.169.254/latest",
    "http://[::127.0.0.1]/x",
    "http://[::ffff:7f00:1]/x",
    "http://[64:ff9b::a9fe:a9fe]/latest",
    "http://[2002:a00:1::1]/x",
  ])("refuses to register %s", async (url) => {
    await expect(createEndpoint(t.db, { url }, admin)).rejects.toMatchObject({
      code: "validation",
      errors: [{ path: "url" }],
    });
  });

  it.each([["ftp://example.com/x"], ["not a url"], ["https://user:pw@example.com/"]])("refuses %s", async (url) => {
    await expect(createEndpoint(t.db, { url }, admin)).rejects.toMatchObject({ code: "validation" });
  });

  it("refuses unknown fields and unknown event types, naming them", async () => {
    await expect(createEndpoint(t.db, { url: "https://example.com", extra: 1 }, admin)).rejects.toMatchObject({
      code: "validation",
    });
    await expect(
      createEndpoint(t.db, { url: "https://example.com", events: ["lead.nope"] }, admin),
    ).rejects.toMatchObject({
      errors: [{ path: "events.0" }],
    });
  });

  it("checks again at delivery time: a private address registered earlier is refused when sending", async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      setEnv({ WEBHOOKS_ALLOW_PRIVATE: "1" });
      await createEndpoint(t.db, { url: `http://localhost:${port}/hook` }, admin);
      await createEndpoint(t.db, { url: `http://127.0.0.1:${port}/hook` }, admin);
      setEnv({ WEBHOOKS_ALLOW_PRIVATE: undefined });
      await enqueueWebhookEvent(t.db, "partner.created", { id: "p" });
      await dispatchOutbox(t.db);
      expect(await deliverDue(t.db)).toMatchObject({ attempted: 2, retrying: 2 });
      expect(hits).toBe(0);
      const rows = await t.db.select().from(webhookDeliveries);
      for (const d of rows) expect(d.lastError).toMatch(/private address/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("times out a receiver that never answers", async () => {
    setEnv({ WEBHOOKS_ALLOW_PRIVATE: "1" });
    const server = http.createServer(() => {});
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const r = await sendWebhook({
        url: `http://127.0.0.1:${port}/`,
        secret: "whsec_dGVzdA==",
        messageId: "m1",
        body: "{}",
        timeoutMs: 300,
      });
      expect(r.statusCode).toBeNull();
      expect(r.error).toMatch(/timed out/);
      expect(r.durationMs).toBeGreaterThanOrEqual(250);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
