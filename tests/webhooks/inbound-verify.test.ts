import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, inboundWebhooks } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { receiveInboundWebhook } from "@/lib/webhooks/inbound";
import { getInboundSecretStatus, rotateInboundSecret } from "@/lib/webhooks/inbound-secret";
import { dbSuite } from "../helpers/db";
import { signedRequest } from "./sign";

const admin: Actor = { type: "USER", id: "admin-test", label: "admin@test", role: "ADMIN" };
const ping = { type: "crm.ping", timestamp: new Date().toISOString(), data: { hello: "world", vendorField: [1, 2] } };

describe("inbound webhook verification", () => {
  const t = dbSuite();
  let secret: string;
  const stored = async () => (await t.db.select({ n: count() }).from(inboundWebhooks))[0].n;

  it("refuses everything while no secret is configured", async () => {
    const r = signedRequest(`whsec_${Buffer.alloc(32, 1).toString("base64")}`, ping);
    await expect(receiveInboundWebhook(t.db, r.body, r.headers)).rejects.toMatchObject({ code: "unauthorized" });
    expect(await getInboundSecretStatus(t.db)).toMatchObject({ configured: false, hint: null });
  });

  it("an admin sets the secret (shown once; the status shows a hint only) and the change is audited", async () => {
    secret = await rotateInboundSecret(t.db, admin);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(await getInboundSecretStatus(t.db)).toMatchObject({ configured: true, hint: secret.slice(-4) });
    const [e] = await t.db.select().from(events);
    expect(e).toMatchObject({ action: "inbound_webhook_secret.set", entityType: "settings" });
    expect(JSON.stringify(e)).not.toContain(secret);
    await expect(rotateInboundSecret(t.db, admin, "whsec_short")).rejects.toMatchObject({
      code: "validation",
      errors: [{ path: "secret" }],
    });
  });

  it("accepts a good signature, keeps the raw payload with its unknown fields", async () => {
    const r = signedRequest(secret, ping);
    const out = await receiveInboundWebhook(t.db, r.body, r.headers);
    expect(out).toMatchObject({ webhookId: r.id, duplicate: false, result: { ignored: true } });
    const [row] = await t.db.select().from(inboundWebhooks);
    expect(row.payload).toEqual(ping);
  });

  it("the same webhook-id twice has one effect and answers the first result", async () => {
    const r = signedRequest(secret, ping);
    const [a, b] = await Promise.all([
      receiveInboundWebhook(t.db, r.body, r.headers),
      receiveInboundWebhook(t.db, r.body, r.headers),
    ]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(b.result).toEqual(a.result);
    const again = await receiveInboundWebhook(t.db, r.body, r.headers);
    expect(again.duplicate).toBe(true);
    expect(await stored()).toBe(2);
  });

  it.each([
    ["a wrong secret", () => signedRequest(`whsec_${Buffer.alloc(32, 7).toString("base64")}`, ping)],
    ["a timestamp 6 minutes old", () => signedRequest(secret, ping, { at: new Date(Date.now() - 6 * 60_000) })],
    ["a timestamp 6 minutes ahead", () => signedRequest(secret, ping, { at: new Date(Date.now() + 6 * 60_000) })],
    [
      "a body changed after signing",
      () => {
        const r = signedRequest(secret, ping);
        return { ...r, body: r.body.replace("world", "w0rld") };
      },
    ],
    [
      "missing signature headers",
      () => {
        const r = signedRequest(secret, ping);
        r.headers.delete("webhook-signature");
        return r;
      },
    ],
  ])("refuses %s with 401 and writes nothing", async (_name, make) => {
    const before = await stored();
    const r = make();
    await expect(receiveInboundWebhook(t.db, r.body, r.headers)).rejects.toMatchObject({
      code: "unauthorized",
      status: 401,
    });
    expect(await stored()).toBe(before);
  });

  it("a replayed message with a fresh id but an old signature is refused", async () => {
    const r = signedRequest(secret, ping, { at: new Date(Date.now() - 10 * 60_000) });
    r.headers.set("webhook-id", "msg_new");
    await expect(receiveInboundWebhook(t.db, r.body, r.headers)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("a correctly signed body that is not an event is a 400, nothing written", async () => {
    const before = await stored();
    for (const body of ["not json", JSON.stringify({ type: "x" }), JSON.stringify([1])]) {
      const r = signedRequest(secret, body);
      await expect(receiveInboundWebhook(t.db, r.body, r.headers)).rejects.toMatchObject({ code: "validation" });
    }
    expect(await stored()).toBe(before);
  });

  it("after rotation the old secret is refused", async () => {
    const old = secret;
    secret = await rotateInboundSecret(t.db, admin);
    const r = signedRequest(old, ping);
    await expect(receiveInboundWebhook(t.db, r.body, r.headers)).rejects.toMatchObject({ code: "unauthorized" });
    const ok = signedRequest(secret, ping);
    expect((await receiveInboundWebhook(t.db, ok.body, ok.headers)).duplicate).toBe(false);
  });
});
