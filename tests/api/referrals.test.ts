import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as accept from "@/app/api/v1/referrals/[id]/accept/route";
import * as linkToLead from "@/app/api/v1/referrals/[id]/link-to-lead/route";
import * as conversion from "@/app/api/v1/referrals/[id]/process-conversion/route";
import * as reject from "@/app/api/v1/referrals/[id]/reject/route";
import * as one from "@/app/api/v1/referrals/[id]/route";
import * as checkExpired from "@/app/api/v1/referrals/check-expired/route";
import * as conversionByBody from "@/app/api/v1/referrals/process-conversion/route";
import * as list from "@/app/api/v1/referrals/route";
import * as stats from "@/app/api/v1/referrals/statistics/route";
import { leads, referrals, rewards } from "@/db/schema";
import { pageOf, referralJson } from "@/lib/api/response-schemas";
import { insertLead, insertReferral, rowCounts } from "../helpers/api-fixtures";
import { call, apiSuite, bound, boundQuery, byId, type TestPartner, type TestUser } from "../helpers/http";

const PROSPECT = {
  firstName: "Maria",
  lastName: "Lopez",
  email: "maria.lopez@example.org",
  phone: "5125550199",
  insuranceType: "home",
  consent: { given: true, textVersion: "2026-11" },
};

describe("REST API: referrals", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 2 });
  const [a, b] = testPartners;

  const rowCount = () => rowCounts(t.db, { referrals, leads, rewards });
  const refOf = (p: TestPartner, values = {}) => insertReferral(t.db, { id: p.partner.id, code: p.code }, values);

  it("a partner submits a prospect with its referral: lead and referral in one go, lead masked when read back", async () => {
    const res = await call(list.POST, "POST /api/v1/referrals", {
      headers: a.headers,
      body: {
        partnerId: a.partner.id,
        referralCode: a.code.toLowerCase(),
        source: "in_person",
        notes: "met at the fair",
        lead: PROSPECT,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      partnerId: a.partner.id,
      referralCode: a.code,
      source: "IN_PERSON",
      status: "PENDING",
      notes: "met at the fair",
    });
    expect(res.body.leadId).toEqual(expect.any(String));
    const read = await call(one.GET, "GET /api/v1/referrals/[id]", { params: { id: res.body.id }, headers: a.headers });
    expect(read.body.lead).toMatchObject({
      firstName: "Maria",
      email: expect.stringMatching(/^m\*+@example\.org$/),
      phone: expect.stringMatching(/\*+.*0199$/),
    });
    expect(read.body.lead.email).not.toContain("lopez");
    const asAdmin = await call(one.GET, "GET /api/v1/referrals/[id]", {
      params: { id: res.body.id },
      headers: admin.headers,
    });
    expect(asAdmin.body.lead).toMatchObject({ email: "maria.lopez@example.org", lastName: "Lopez" });
    referralJson.parse(read.body);
    referralJson.parse(asAdmin.body);
    expect(
      (await call(one.GET, "GET /api/v1/referrals/[id]", { params: { id: res.body.id }, headers: b.headers })).status,
    ).toBe(404);
  });

  it("POST refuses another partner's id (404), lead ids from partners, unknown fields, bad enums and mismatched codes, writing nothing", async () => {
    const before = await rowCount();
    const lead = await insertLead(t.db);
    const cases: [Record<string, string>, unknown, number, string[]][] = [
      [a.headers, { partnerId: b.partner.id, referralCode: b.code }, 404, []],
      [a.headers, { partnerId: a.partner.id, referralCode: a.code, leadId: lead.id }, 400, ["leadId"]],
      [admin.headers, { partnerId: a.partner.id, referralCode: a.code, status: "CONVERTED" }, 400, ["status"]],
      [admin.headers, { partnerId: a.partner.id, referralCode: a.code, source: "carrier pigeon" }, 400, ["source"]],
      [admin.headers, { partnerId: a.partner.id, referralCode: b.code }, 400, ["referralCode"]],
      [admin.headers, { partnerId: "123", referralCode: 42 }, 400, ["partnerId", "referralCode"]],
      [
        admin.headers,
        {
          partnerId: a.partner.id,
          referralCode: a.code,
          lead: { ...PROSPECT, consent: { given: false, textVersion: "x" } },
        },
        400,
        ["lead.consent.given"],
      ],
    ];
    for (const [headers, body, status, paths] of cases) {
      const res = await call(list.POST, "POST /api/v1/referrals", { headers, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (paths.length) expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(paths);
    }
    expect(await rowCount()).toEqual({ ...before, leads: before.leads + 1 });
  });

  it("an admin may link an existing lead at creation: ACCEPTED at once", async () => {
    const lead = await insertLead(t.db);
    const res = await call(list.POST, "POST /api/v1/referrals", {
      headers: admin.headers,
      body: { partnerId: b.partner.id, referralCode: b.code, source: "PHONE", leadId: lead.id },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "ACCEPTED", leadId: lead.id, source: "PHONE" });
  });

  it("GET lists with filters and pages: own rows for partners, pageSize over 100 refused, cursors walk every row once", async () => {
    for (let i = 0; i < 5; i++) await refOf(b);
    const mine = await call(list.GET, "GET /api/v1/referrals", { headers: b.headers, query: { pageSize: 2 } });
    expect(mine.status).toBe(200);
    expect(mine.body.pagination).toMatchObject({ page: 1, pageSize: 2, total: 6 });
    expect(mine.body.data.every((r: { partnerId: string }) => r.partnerId === b.partner.id)).toBe(true);
    pageOf(referralJson).parse(mine.body);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; pagination: { nextCursor: string | null } } } = await call(
        list.GET,
        "GET /api/v1/referrals",
        {
          headers: b.headers,
          query: { pageSize: 4, ...(cursor ? { cursor } : {}) },
        },
      );
      for (const r of page.body.data) seen.add(r.id);
      cursor = page.body.pagination.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(6);
    const pending = await call(list.GET, "GET /api/v1/referrals", {
      headers: admin.headers,
      query: { status: "pending,Accepted", partnerId: b.partner.id },
    });
    expect(pending.body.pagination.total).toBe(6);
    expect(
      (await call(list.GET, "GET /api/v1/referrals", { headers: admin.headers, query: { pageSize: 100 } })).status,
    ).toBe(200);
    const badQueries: Record<string, string | number>[] = [
      { pageSize: 101 },
      { pageSize: 0 },
      { page: 0 },
      { page: "two" },
      { sort: "password" },
      { status: "LOST" },
      { from: "last week" },
      { cursor: "garbage" },
      { color: "red" },
    ];
    for (const query of badQueries) {
      const res = await call(list.GET, "GET /api/v1/referrals", { headers: admin.headers, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
  });

  it("PATCH changes notes (partners: only notes), never a status", async () => {
    const r = await refOf(a);
    const patch = (who: TestUser, body: object) =>
      call(one.PATCH, "PATCH /api/v1/referrals/[id]", { params: { id: r.id }, headers: who.headers, body });
    const own = await patch(a, { notes: "called back" });
    expect(own.status).toBe(200);
    expect(own.body.notes).toBe("called back");
    const src = await patch(a, { source: "EMAIL" });
    expect(src.status).toBe(400);
    expect((await patch(admin, { source: "email", utmCampaign: "spring" })).body).toMatchObject({
      source: "EMAIL",
      utmCampaign: "spring",
    });
    const st = await patch(admin, { status: "ACCEPTED" });
    expect(st.status).toBe(400);
    expect((await patch(b, { notes: "mine now" })).status).toBe(404);
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, r.id));
    expect(row).toMatchObject({ status: "PENDING", source: "EMAIL", notes: "called back" });
  });

  it("DELETE withdraws only a PENDING referral (→ REJECTED, WITHDRAWN)", async () => {
    const withdraw = byId(one.DELETE, "DELETE /api/v1/referrals/[id]");
    const r = await refOf(a);
    expect((await withdraw(r.id, b.headers)).status).toBe(404);
    const del = await withdraw(r.id, a.headers);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ status: "REJECTED", rejectionReason: "WITHDRAWN" });
    const again = await withdraw(r.id, a.headers);
    expect(again.status).toBe(409);
    expect(again.body.currentStatus).toBe("REJECTED");
  });

  it("accept, reject and link-to-lead move the lifecycle and name the current status when they cannot", async () => {
    const acceptRef = byId(accept.POST, "POST /api/v1/referrals/[id]/accept");
    const rejectRef = byId(reject.POST, "POST /api/v1/referrals/[id]/reject");
    const linkRef = byId(linkToLead.POST, "POST /api/v1/referrals/[id]/link-to-lead");
    const r1 = await refOf(a);
    expect((await acceptRef(r1.id, admin.headers)).body.status).toBe("ACCEPTED");
    const twice = await acceptRef(r1.id, admin.headers);
    expect([twice.status, twice.body.currentStatus]).toEqual([409, "ACCEPTED"]);
    expect((await rejectRef(r1.id, admin.headers, {})).status).toBe(400);
    const rj = await rejectRef(r1.id, admin.headers, { reason: "not a real prospect" });
    expect(rj.body).toMatchObject({ status: "REJECTED", rejectionReason: "not a real prospect" });

    const lead = await insertLead(t.db);
    const r2 = await refOf(a);
    const r3 = await refOf(b);
    expect((await linkRef(r2.id, admin.headers, {})).status).toBe(400);
    expect((await linkRef(r2.id, admin.headers, { leadId: lead.id })).body).toMatchObject({
      status: "ACCEPTED",
      leadId: lead.id,
    });
    const taken = await linkRef(r3.id, admin.headers, { leadId: lead.id });
    expect(taken.status).toBe(409);
    const missing = await acceptRef("0b8f7c52-8d0e-4a4e-9d7e-0a0b0c0d0e0f", admin.headers);
    expect(missing.status).toBe(404);
  });

  it("process-conversion converts exactly once; bad values are refused and write nothing", async () => {
    const convert = byId(conversion.POST, "POST /api/v1/referrals/[id]/process-conversion");
    const convertByBody = bound(conversionByBody.POST, "POST /api/v1/referrals/process-conversion");
    const r = await refOf(a, { status: "ACCEPTED" });
    const before = await rowCount();
    for (const body of [
      { conversionValue: 10.123 },
      { conversionValue: -5 },
      { conversionValue: "1e3" },
      { conversionValue: 1e300 },
      { conversionValue: true },
      { conversionValue: 5, conversionValueCents: 500 },
      { value: 5 },
    ])
      expect((await convert(r.id, admin.headers, body)).status, JSON.stringify(body)).toBe(400);
    expect(await rowCount()).toEqual(before);
    const first = await convert(r.id, admin.headers, { conversionValue: "250.55" });
    expect(first.status).toBe(201);
    // 25,055 cents × 10 % = 2,505.5 → banker's rounding to the even cent.
    expect(first.body.reward).toMatchObject({ amountCents: 2506, baseCents: 25_055, status: "CALCULATED" });
    const replay = await convertByBody(admin.headers, { referralId: r.id, conversionValueCents: 25_055 });
    expect(replay.status).toBe(200);
    expect(replay.body.reward.id).toBe(first.body.reward.id);
    const other = await convert(r.id, admin.headers, { conversionValue: 300 });
    expect(other.status).toBe(409);
    expect((await convertByBody(admin.headers, { conversionValue: 5 })).status).toBe(400);
    const rejected = await refOf(a, { status: "REJECTED" });
    const bad = await convert(rejected.id, admin.headers, { conversionValue: 5 });
    expect([bad.status, bad.body.currentStatus]).toEqual([409, "REJECTED"]);
    expect(await rowCount()).toEqual({ ...before, referrals: before.referrals + 1, rewards: before.rewards + 1 });
  });

  it("check-expired expires exactly the overdue referrals; statistics are scoped to the partner", async () => {
    const expireOverdue = bound(checkExpired.POST, "POST /api/v1/referrals/check-expired");
    const statistics = boundQuery(stats.GET, "GET /api/v1/referrals/statistics");
    const overdue = await refOf(a, { expiresAt: new Date(Date.now() - 60_000) });
    const res = await expireOverdue(admin.headers);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ expired: 1 });
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, overdue.id));
    expect(row.status).toBe("EXPIRED");
    expect((await expireOverdue(admin.headers)).body).toEqual({ expired: 0 });

    const mine = await statistics(b.headers, { interval: "WEEK" });
    expect(mine.status).toBe(200);
    const bTotal = (await t.db.select({ n: count() }).from(referrals).where(eq(referrals.partnerId, b.partner.id)))[0]
      .n;
    expect(mine.body.total).toBe(bTotal);
    const all = await statistics(admin.headers);
    expect(all.body.total).toBe((await rowCount()).referrals);
    expect(all.body.byStatus.EXPIRED).toBe(1);
    expect((await statistics(admin.headers, { interval: "year" })).status).toBe(400);
  });
});
