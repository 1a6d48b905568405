import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events } from "@/db/schema";
import { auditFacets, entityTimeline, listAuditEvents } from "@/lib/audit/queries";
import { recordEvents } from "@/lib/audit/events";
import { dbSuite } from "../helpers/db";

describe("audit log query", () => {
  const t = dbSuite();
  beforeAll(async () => {
    const alice = { type: "USER" as const, id: "u-alice", label: "alice@admin.test" };
    const job = { type: "SYSTEM" as const, id: "expire-referrals", label: "expire-referrals" };
    await recordEvents(t.db, alice, [
      { entityType: "partner", entityId: "p1", action: "partner.created", toStatus: "ACTIVE" },
      {
        entityType: "partner",
        entityId: "p1",
        action: "partner.status_changed",
        fromStatus: "ACTIVE",
        toStatus: "SUSPENDED",
        data: { reason: "fraud" },
      },
      {
        entityType: "reward",
        entityId: "r1",
        action: "reward.approved",
        fromStatus: "CALCULATED",
        toStatus: "APPROVED",
      },
    ]);
    await recordEvents(t.db, job, [
      {
        entityType: "referral",
        entityId: "x1",
        action: "referral.expired",
        fromStatus: "PENDING",
        toStatus: "EXPIRED",
      },
    ]);
    // Spread the events over time: the n-th inserted event is n days old (oldest first).
    await t.db.execute(
      sql`update ${events} set created_at = '2026-01-10T12:00:00Z'::timestamptz - ((5 - id) * interval '1 day')`,
    );
  });

  it("lists newest first with totals", async () => {
    const res = await listAuditEvents(t.db, {});
    expect(res.data.map((e) => e.action)).toEqual([
      "referral.expired",
      "reward.approved",
      "partner.status_changed",
      "partner.created",
    ]);
    expect(res.pagination).toEqual({ page: 1, pageSize: 20, total: 4, nextCursor: null });
    expect(res.totalCapped).toBe(false);
  });

  it.each([
    [{ entityType: "partner" }, ["partner.status_changed", "partner.created"]],
    [{ entityType: "partner", entityId: "p1", action: "partner.status_changed" }, ["partner.status_changed"]],
    [{ action: "partner." }, ["partner.status_changed", "partner.created"]],
    [{ actor: "alice" }, ["reward.approved", "partner.status_changed", "partner.created"]],
    [{ actor: "expire-referrals" }, ["referral.expired"]],
    [{ actorType: "system" }, ["referral.expired"]],
    [{ from: "2026-01-08" }, ["referral.expired", "reward.approved"]],
    [{ to: "2026-01-07" }, ["partner.status_changed", "partner.created"]],
    [{ from: "2026-01-07", to: "2026-01-07" }, ["partner.status_changed"]],
    [{ actor: "%" }, []],
  ])("filters %j", async (filter, actions) => {
    const res = await listAuditEvents(t.db, filter);
    expect(res.data.map((e) => e.action)).toEqual(actions);
    expect(res.pagination.total).toBe(actions.length);
  });

  it("pages", async () => {
    const p2 = await listAuditEvents(t.db, { page: 2, pageSize: 3 });
    expect(p2.data.map((e) => e.action)).toEqual(["partner.created"]);
    expect(p2.pagination.total).toBe(4);
  });

  it.each([{ pageSize: 101 }, { from: "yesterday" }, { actorType: "ROBOT" }, { bogus: 1 }])(
    "refuses %j",
    async (bad) => {
      await expect(listAuditEvents(t.db, bad as never)).rejects.toThrow();
    },
  );

  it("keeps before, after and the status change on each event", async () => {
    const [e] = (await listAuditEvents(t.db, { action: "partner.status_changed" })).data;
    expect(e).toMatchObject({
      actorLabel: "alice@admin.test",
      fromStatus: "ACTIVE",
      toStatus: "SUSPENDED",
      data: { reason: "fraud" },
    });
  });

  it("gives an entity's timeline oldest first and the facets for the filters", async () => {
    expect((await entityTimeline(t.db, "partner", "p1")).map((e) => e.action)).toEqual([
      "partner.created",
      "partner.status_changed",
    ]);
    expect(await auditFacets(t.db)).toEqual({
      entityTypes: ["partner", "referral", "reward"],
      actions: ["partner.created", "partner.status_changed", "referral.expired", "reward.approved"],
    });
  });

  it("caps the count of a very large match", async () => {
    await t.db.execute(
      sql`insert into ${events} (actor_type, entity_type, entity_id, action) select 'PUBLIC', 'click', 'c' || g, 'click.recorded' from generate_series(1, 10050) g`,
    );
    const res = await listAuditEvents(t.db, { entityType: "click", pageSize: 5 });
    expect(res.pagination.total).toBe(10_000);
    expect(res.totalCapped).toBe(true);
    expect(res.data).toHaveLength(5);
  });
});
