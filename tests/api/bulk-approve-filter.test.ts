import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as bulk from "@/app/api/v1/rewards/bulk-approve/route";
import * as list from "@/app/api/v1/rewards/route";
import { events, rewards } from "@/db/schema";
import { futureDays, insertPayout, insertReward } from "../helpers/api-fixtures";
import { call, apiSuite } from "../helpers/http";

/**
 * "Approve all matching": the bulk-approve `filter` takes the GET /rewards filters with the same meaning,
 * so an admin approves exactly the approvable rows of the list they filtered.
 */
describe("REST API: bulk approve by the GET /rewards filters", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 2 });
  const [p, other] = testPartners;

  const statuses = async () =>
    new Map((await t.db.select({ id: rewards.id, status: rewards.status }).from(rewards)).map((r) => [r.id, r.status]));
  const eventCount = async () => (await t.db.select({ n: count() }).from(events))[0].n;

  type Row = { id: string; status: string; holdUntil: string | null };
  /** Every row GET /rewards returns for the filter (all pages). */
  async function listed(filter: Record<string, string>): Promise<Row[]> {
    const rows: Row[] = [];
    for (let page = 1; ; page++) {
      const res = await call(list.GET, "GET /api/v1/rewards", {
        headers: admin.headers,
        query: { ...filter, page, pageSize: 100 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      rows.push(...res.body.data);
      if (rows.length >= res.body.pagination.total) return rows;
    }
  }

  /** Bulk-approves by the filter and checks it approved exactly the listed rows that were approvable. */
  async function approvesWhatTheListShows(filter: Record<string, string>) {
    const shown = await listed(filter);
    const now = Date.now();
    const approvable = shown
      .filter((r) => r.status === "CALCULATED" && (!r.holdUntil || Date.parse(r.holdUntil) <= now))
      .map((r) => r.id);
    expect(approvable.length, "the fixture leaves something to approve").toBeGreaterThan(0);
    expect(shown.length, "the fixture also matches rows that are not approvable").toBeGreaterThan(approvable.length);
    const before = await statuses();
    const res = await call(bulk.POST, "POST /api/v1/rewards/bulk-approve", {
      headers: admin.headers,
      body: { filter },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await statuses();
    const changed = [...after].filter(([id, s]) => before.get(id) !== s);
    expect(changed.every(([, s]) => s === "APPROVED")).toBe(true);
    expect(changed.map(([id]) => id).sort()).toEqual(approvable.sort());
    expect(res.body).toEqual({ approved: approvable.length, skipped: shown.length - approvable.length, remaining: 0 });
  }

  it("type (any case, comma-separated) approves exactly the CALCULATED rewards GET /rewards lists for it", async () => {
    await insertReward(t.db, p.partner.id, { type: "ADJUSTMENT" });
    await insertReward(t.db, other.partner.id, { type: "CLAWBACK", amountCents: -500 });
    await insertReward(t.db, p.partner.id, { type: "ADJUSTMENT", holdUntil: futureDays(5) });
    await insertReward(t.db, other.partner.id, { type: "ADJUSTMENT", status: "PAID" });
    await insertReward(t.db, p.partner.id, { type: "BONUS" });
    await approvesWhatTheListShows({ type: "adjustment,Clawback" });
  });

  it("q (partner name, code, reason, …) approves exactly what GET /rewards finds for it", async () => {
    const token = p.partner.lastName.split(" ")[1];
    await insertReward(t.db, p.partner.id);
    await insertReward(t.db, p.partner.id, { status: "CANCELLED", cancelReason: "duplicate" });
    await insertReward(t.db, other.partner.id, { reason: `goodwill for ${token.toUpperCase()}` });
    await insertReward(t.db, other.partner.id, { reason: "unrelated" });
    await approvesWhatTheListShows({ q: token });
  });

  it("payoutId approves exactly the CALCULATED rewards GET /rewards lists in that payout", async () => {
    const payout = await insertPayout(t.db, p.partner.id);
    const elsewhere = await insertPayout(t.db, p.partner.id);
    await insertReward(t.db, p.partner.id, { payoutId: payout.id });
    await insertReward(t.db, p.partner.id, { payoutId: payout.id, status: "APPROVED" });
    await insertReward(t.db, p.partner.id, { payoutId: elsewhere.id });
    await insertReward(t.db, p.partner.id);
    await approvesWhatTheListShows({ payoutId: payout.id });
  });

  it("only CALCULATED rewards are ever approved: a filter for another status approves nothing", async () => {
    await insertReward(t.db, p.partner.id, { type: "ADJUSTMENT" });
    const before = await statuses();
    const res = await call(bulk.POST, "POST /api/v1/rewards/bulk-approve", {
      headers: admin.headers,
      body: { filter: { type: "ADJUSTMENT", status: "APPROVED,PAID" } },
    });
    expect(res.status).toBe(200);
    expect(res.body.approved).toBe(0);
    expect(await statuses()).toEqual(before);
  });

  it("a bad filter value is refused naming the field, as GET /rewards refuses it, and writes nothing", async () => {
    await insertReward(t.db, p.partner.id, { type: "ADJUSTMENT" });
    const before = { statuses: await statuses(), events: await eventCount() };
    const bad: [string, unknown][] = [
      ["type", "GIFT"],
      ["payoutId", "payout-1"],
      ["q", "x".repeat(101)],
      ["from", "last tuesday"],
      ["partnerId", "42"],
    ];
    for (const [field, value] of bad) {
      const res = await call(bulk.POST, "POST /api/v1/rewards/bulk-approve", {
        headers: admin.headers,
        body: { filter: { type: "ADJUSTMENT", [field]: value } },
      });
      expect(res.status, field).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const get = await call(list.GET, "GET /api/v1/rewards", {
        headers: admin.headers,
        query: { [field]: String(value) },
      });
      expect(get.status, field).toBe(400);
      expect(res.body.errors).toEqual(
        get.body.errors.map((e: { path: string; message: string }) => ({ ...e, path: `filter.${e.path}` })),
      );
    }
    for (const filter of [{ sort: "-createdAt" }, { page: 2 }, { colour: "red" }]) {
      const res = await call(bulk.POST, "POST /api/v1/rewards/bulk-approve", {
        headers: admin.headers,
        body: { filter },
      });
      expect(res.status, JSON.stringify(filter)).toBe(400);
    }
    expect({ statuses: await statuses(), events: await eventCount() }).toEqual(before);
  });
});
