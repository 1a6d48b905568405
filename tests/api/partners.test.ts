import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as one from "@/app/api/v1/partners/[id]/route";
import * as performance from "@/app/api/v1/partners/[id]/performance/route";
import * as regen from "@/app/api/v1/partners/[id]/regenerate-code/route";
import * as subPayouts from "@/app/api/v1/partners/[id]/payouts/route";
import * as subReferrals from "@/app/api/v1/partners/[id]/referrals/route";
import * as subRewards from "@/app/api/v1/partners/[id]/rewards/route";
import * as status from "@/app/api/v1/partners/[id]/status/route";
import * as me from "@/app/api/v1/partners/me/route";
import * as list from "@/app/api/v1/partners/route";
import * as stats from "@/app/api/v1/partners/statistics/route";
import * as top from "@/app/api/v1/partners/top/route";
import { events, outbox, partnerCodes, partners, users } from "@/db/schema";
import { pageOf, partnerJson } from "@/lib/api/response-schemas";
import { call, apiSuite, boundQuery, byId } from "../helpers/http";

const SEED_BODY = {
  firstName: "John",
  lastName: "Doe",
  email: "john@example.com",
  phone: "1234567890",
  companyName: "Insurance Partners",
};

describe("REST API: partners", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 2 });
  const [a, b] = testPartners;

  const partnerCount = async () => (await t.db.select({ n: count() }).from(partners))[0].n;
  const eventsOf = (partnerId: string, action: string) =>
    t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, partnerId), eq(events.action, action)));
  const terminate = byId(one.DELETE, "DELETE /api/v1/partners/[id]");

  it("POST creates an ACTIVE partner with its code, a sign-in user and an invitation, with an event", async () => {
    const res = await call(list.POST, "POST /api/v1/partners", { headers: admin.headers, body: SEED_BODY });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: "John",
      lastName: "Doe",
      email: "john@example.com",
      status: "ACTIVE",
      commissionRateBps: null,
      currency: "USD",
    });
    expect(res.body.referralCode).toMatch(/^JOHDOE\d{4}$/);
    expect(res.body.invitation.url).toMatch(/\/invite\/[\w-]+$/);
    const [u] = await t.db.select().from(users).where(eq(users.partnerId, res.body.id));
    expect(u).toMatchObject({ email: "john@example.com", role: "PARTNER", passwordHash: null });
    expect(await eventsOf(res.body.id, "partner.created")).toHaveLength(1);
  });

  it("POST refuses a duplicate e-mail (409), bad fields (400 naming each) and non-admins, writing nothing", async () => {
    const before = await partnerCount();
    const dup = await call(list.POST, "POST /api/v1/partners", {
      headers: admin.headers,
      body: { ...SEED_BODY, email: "JOHN@example.com" },
    });
    expect(dup.status).toBe(409);
    const bad = await call(list.POST, "POST /api/v1/partners", {
      headers: admin.headers,
      body: { firstName: "", email: "nope", commissionRateBps: 10_001, status: "ACTIVE" },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "commissionRateBps",
      "email",
      "firstName",
      "lastName",
      "status",
    ]);
    expect((await call(list.POST, "POST /api/v1/partners", { headers: a.headers, body: SEED_BODY })).status).toBe(403);
    expect((await call(list.POST, "POST /api/v1/partners", { body: SEED_BODY })).status).toBe(401);
    expect((await call(list.POST, "POST /api/v1/partners", { headers: admin.headers, body: "{not json" })).status).toBe(
      400,
    );
    expect(await partnerCount()).toBe(before);
  });

  it("GET lists every partner for admins and only itself for a partner", async () => {
    const all = await call(list.GET, "GET /api/v1/partners", { headers: admin.headers });
    expect(all.status).toBe(200);
    expect(all.body.pagination).toMatchObject({ page: 1, pageSize: 20, total: await partnerCount() });
    pageOf(partnerJson).parse(all.body);
    const own = await call(list.GET, "GET /api/v1/partners", { headers: a.headers });
    expect(own.body.data.map((p: { id: string }) => p.id)).toEqual([a.partner.id]);
    expect(own.body.data[0].referralCode).toBe(a.code);
    const filtered = await call(list.GET, "GET /api/v1/partners", {
      headers: admin.headers,
      query: { status: "active", q: "john" },
    });
    expect(filtered.body.data.map((p: { email: string }) => p.email)).toEqual(["john@example.com"]);
  });

  it("GET /{id} and /me: own record, another partner's id → 404, a bad id → 400, /me for admins → 403", async () => {
    expect(
      (await call(one.GET, "GET /api/v1/partners/[id]", { params: { id: a.partner.id }, headers: a.headers })).body.id,
    ).toBe(a.partner.id);
    expect(
      (await call(one.GET, "GET /api/v1/partners/[id]", { params: { id: b.partner.id }, headers: a.headers })).status,
    ).toBe(404);
    expect(
      (await call(one.GET, "GET /api/v1/partners/[id]", { params: { id: b.partner.id }, headers: admin.headers })).body
        .codes,
    ).toEqual([expect.objectContaining({ code: b.code, isCurrent: true })]);
    expect(
      (await call(one.GET, "GET /api/v1/partners/[id]", { params: { id: "not-a-uuid" }, headers: admin.headers }))
        .status,
    ).toBe(400);
    const mine = await call(me.GET, "GET /api/v1/partners/me", { headers: a.headers });
    expect(mine.body).toMatchObject({ id: a.partner.id, referralCode: a.code });
    expect((await call(me.GET, "GET /api/v1/partners/me", { headers: admin.headers })).status).toBe(403);
  });

  it("PATCH edits the profile; partners cannot touch rate, e-mail or another partner, nobody changes a status here", async () => {
    const byAdmin = await call(one.PATCH, "PATCH /api/v1/partners/[id]", {
      params: { id: a.partner.id },
      headers: admin.headers,
      body: { commissionRateBps: 1500 },
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.commissionRateBps).toBe(1500);
    const own = await call(one.PATCH, "PATCH /api/v1/partners/[id]", {
      params: { id: a.partner.id },
      headers: a.headers,
      body: { companyName: "Acme Agency", phone: "(555) 123-4567" },
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ companyName: "Acme Agency", phone: "5551234567", commissionRateBps: 1500 });

    const rate = await call(one.PATCH, "PATCH /api/v1/partners/[id]", {
      params: { id: a.partner.id },
      headers: a.headers,
      body: { companyName: "X", commissionRateBps: 10000 },
    });
    expect(rate.status).toBe(400);
    expect(rate.body.errors).toEqual([expect.objectContaining({ path: "commissionRateBps" })]);
    for (const headers of [a.headers, admin.headers]) {
      const st = await call(one.PATCH, "PATCH /api/v1/partners/[id]", {
        params: { id: a.partner.id },
        headers,
        body: { status: "SUSPENDED" },
      });
      expect(st.status).toBe(400);
      expect(st.body.errors).toEqual([expect.objectContaining({ path: "status" })]);
    }
    const code = await call(one.PATCH, "PATCH /api/v1/partners/[id]", {
      params: { id: a.partner.id },
      headers: a.headers,
      body: { referralCode: "MINE0001" },
    });
    expect(code.status).toBe(400);
    const other = await call(one.PATCH, "PATCH /api/v1/partners/[id]", {
      params: { id: b.partner.id },
      headers: a.headers,
      body: { companyName: "Hijack" },
    });
    expect(other.status).toBe(404);
    const [row] = await t.db.select().from(partners).where(eq(partners.id, a.partner.id));
    expect(row).toMatchObject({ companyName: "Acme Agency", commissionRateBps: 1500, status: "ACTIVE" });
  });

  it("status and regenerate-code are admin actions; a refused transition names the current status", async () => {
    const setStatus = byId(status.POST, "POST /api/v1/partners/[id]/status");
    const regenerate = byId(regen.POST, "POST /api/v1/partners/[id]/regenerate-code");
    const p = await t.partner();
    expect((await setStatus(p.partner.id, p.headers, { status: "ACTIVE" })).status).toBe(403);
    const s = await setStatus(p.partner.id, admin.headers, { status: "suspended", reason: "chargebacks" });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ status: "SUSPENDED", statusReason: "chargebacks" });
    const bad = await setStatus(p.partner.id, admin.headers, { status: "INACTIVE" });
    expect(bad.status).toBe(409);
    expect(bad.body.currentStatus).toBe("SUSPENDED");
    expect((await setStatus(p.partner.id, admin.headers, { status: "GONE" })).status).toBe(400);

    expect((await regenerate(a.partner.id, a.headers)).status).toBe(403);
    const r = await regenerate(a.partner.id, admin.headers);
    expect(r.status).toBe(200);
    expect(r.body.referralCode).not.toBe(a.code);
    expect(r.body.codes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: r.body.referralCode, isCurrent: true }),
        expect.objectContaining({ code: a.code, isCurrent: false }),
      ]),
    );
  });

  it("DELETE terminates and keeps the history; repeating it answers the same 200 and writes nothing; partners get 403", async () => {
    const p = await t.partner();
    const history = async () => ({
      events: await t.db.select().from(events).where(eq(events.entityId, p.partner.id)),
      outbox: (await t.db.select({ n: count() }).from(outbox))[0].n,
      row: (await t.db.select().from(partners).where(eq(partners.id, p.partner.id)))[0],
    });
    expect((await terminate(p.partner.id, p.headers)).status).toBe(403);
    const del = await terminate(p.partner.id, admin.headers);
    expect(del.status).toBe(200);
    expect(del.body.status).toBe("TERMINATED");
    expect(del.body.terminatedAt).not.toBeNull();
    expect(await t.db.select().from(partnerCodes).where(eq(partnerCodes.partnerId, p.partner.id))).toHaveLength(1);
    const after = await history();
    expect(after.events.filter((e) => e.action === "partner.status_changed")).toHaveLength(1);
    const again = await terminate(p.partner.id, admin.headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(del.body);
    expect(await history()).toEqual(after);
    expect((await terminate("6f1c7c52-8d0e-4a4e-9d7e-0a0b0c0d0e0f", admin.headers)).status).toBe(404);
  });

  it("concurrent DELETEs of one partner: both answer 200, one termination is recorded", async () => {
    const p = await t.partner();
    const res = await Promise.all([1, 2, 3].map(() => terminate(p.partner.id, admin.headers)));
    expect(res.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(res.map((r) => r.body.terminatedAt)).size).toBe(1);
    expect(await eventsOf(p.partner.id, "partner.status_changed")).toHaveLength(1);
  });

  it("performance and the per-partner lists are scoped: own 200, another's 404", async () => {
    const perf = await call(performance.GET, "GET /api/v1/partners/[id]/performance", {
      params: { id: a.partner.id },
      headers: a.headers,
    });
    expect(perf.status).toBe(200);
    expect(perf.body).toMatchObject({
      partnerId: a.partner.id,
      referrals: 0,
      conversions: 0,
      earnings: { pendingCents: 0, approvedCents: 0, paidCents: 0 },
    });
    expect(
      (
        await call(performance.GET, "GET /api/v1/partners/[id]/performance", {
          params: { id: b.partner.id },
          headers: a.headers,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(performance.GET, "GET /api/v1/partners/[id]/performance", {
          params: { id: a.partner.id },
          headers: a.headers,
          query: { from: "yesterday" },
        })
      ).status,
    ).toBe(400);
    for (const [mod, name] of [
      [subReferrals, "referrals"],
      [subRewards, "rewards"],
      [subPayouts, "payouts"],
    ] as const) {
      const route = `GET /api/v1/partners/[id]/${name}`;
      const own = await call(mod.GET, route, { params: { id: a.partner.id }, headers: a.headers });
      expect(own.status, route).toBe(200);
      expect(own.body).toEqual({ data: [], pagination: { page: 1, pageSize: 20, total: 0, nextCursor: null } });
      expect((await call(mod.GET, route, { params: { id: b.partner.id }, headers: a.headers })).status, route).toBe(
        404,
      );
      expect((await call(mod.GET, route, { params: { id: b.partner.id }, headers: admin.headers })).status, route).toBe(
        200,
      );
      expect(
        (
          await call(mod.GET, route, {
            params: { id: a.partner.id },
            headers: admin.headers,
            query: { partnerId: b.partner.id },
          })
        ).status,
        route,
      ).toBe(400);
    }
  });

  it("statistics are scoped to the partner; top partners are for admins only", async () => {
    const statistics = boundQuery(stats.GET, "GET /api/v1/partners/statistics");
    const mine = await statistics(a.headers);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    const all = await statistics(admin.headers, { from: "2026-01-01", to: "2026-12-31" });
    expect(all.body.total).toBe(await partnerCount());
    expect((await statistics(admin.headers, { from: "2026-13-45" })).status).toBe(400);
    expect((await statistics(admin.headers, { bogus: "1" })).status).toBe(400);

    expect((await call(top.GET, "GET /api/v1/partners/top", { headers: a.headers })).status).toBe(403);
    const best = await call(top.GET, "GET /api/v1/partners/top", {
      headers: admin.headers,
      query: { metric: "conversionrate", limit: 5 },
    });
    expect(best.status).toBe(200);
    expect(best.body.metric).toBe("conversionRate");
    expect(
      (await call(top.GET, "GET /api/v1/partners/top", { headers: admin.headers, query: { limit: 101 } })).status,
    ).toBe(400);
    expect(
      (await call(top.GET, "GET /api/v1/partners/top", { headers: admin.headers, query: { metric: "revenue" } }))
        .status,
    ).toBe(400);
  });
});
