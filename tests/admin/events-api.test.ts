import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/events/route";
import { recordEvents } from "@/lib/audit/events";
import { call, apiSuite } from "../helpers/http";

const ROUTE = "GET /api/v1/events";

describe("GET /api/v1/events", () => {
  const { t } = apiSuite();
  let headers: Record<string, string>;
  beforeAll(async () => {
    headers = (await t.admin()).headers;
    await recordEvents(t.db, { type: "USER", id: "u-1", label: "ops@example.com" }, [
      {
        entityType: "partner",
        entityId: "p-1",
        action: "partner.status_changed",
        fromStatus: "ACTIVE",
        toStatus: "SUSPENDED",
        data: { reason: "review" },
      },
      {
        entityType: "reward",
        entityId: "r-1",
        action: "reward.approved",
        fromStatus: "CALCULATED",
        toStatus: "APPROVED",
      },
    ]);
  });

  it("lists events newest first with the list shape", async () => {
    const res = await call(GET, ROUTE, { headers, query: { actor: "ops@", pageSize: "10" } });
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ page: 1, pageSize: 10, total: 2, nextCursor: null });
    expect(res.body.data.map((e: { action: string }) => e.action)).toEqual([
      "reward.approved",
      "partner.status_changed",
    ]);
    expect(res.body.data[1]).toMatchObject({
      actorType: "USER",
      actorLabel: "ops@example.com",
      entityType: "partner",
      entityId: "p-1",
      fromStatus: "ACTIVE",
      toStatus: "SUSPENDED",
      data: { reason: "review" },
    });
    expect(typeof res.body.data[1].createdAt).toBe("string");
  });

  it("filters by entity, action prefix and time", async () => {
    const byEntity = await call(GET, ROUTE, { headers, query: { entityType: "reward", actorType: "user" } });
    expect(byEntity.body.data.map((e: { entityId: string }) => e.entityId)).toEqual(["r-1"]);
    const byPrefix = await call(GET, ROUTE, { headers, query: { action: "partner.", actor: "u-1" } });
    expect(byPrefix.body.data).toHaveLength(1);
    const future = await call(GET, ROUTE, { headers, query: { from: "2999-01-01" } });
    expect(future.body.data).toEqual([]);
  });

  it.each([
    [{ pageSize: "500" }, "pageSize"],
    [{ from: "last week" }, "from"],
    [{ actorType: "robot" }, "actorType"],
    [{ colour: "blue" }, "colour"],
  ])("answers 400 naming the field for %j", async (query, field) => {
    const res = await call(GET, ROUTE, { headers, query });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(res.body.errors)).toContain(field);
  });
});
