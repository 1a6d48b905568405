import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { getReferral, listReferrals, referralListSchema } from "@/lib/referrals/queries";
import { dbSuite } from "./helpers/db";
import { seedListFixture, type ListFixture } from "./helpers/list-fixtures";

const t = dbSuite();
let f: ListFixture;
beforeAll(async () => {
  f = await seedListFixture(t.db);
});

const validation = async (p: Promise<unknown>, path: string) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("validation");
  expect((e as AppError).errors.map((x) => x.path)).toContain(path);
};

describe("listReferrals", () => {
  it("scopes to one partner: B never sees A's rows", async () => {
    const b = await listReferrals(t.db, { partnerId: f.b }, {});
    expect(b.pagination.total).toBe(5);
    expect(new Set(b.data.map((r) => r.id))).toEqual(new Set(f.bReferrals));
    // Asking for A's rows explicitly inside B's scope yields nothing.
    const probe = await listReferrals(t.db, { partnerId: f.b }, { partnerId: f.a });
    expect(probe.data).toEqual([]);
    expect(probe.pagination.total).toBe(0);
    const admin = await listReferrals(t.db, {}, { pageSize: 100 });
    expect(admin.pagination.total).toBe(30);
  });

  it("masks lead details in partner scope and not for admins", async () => {
    const a = await listReferrals(t.db, { partnerId: f.a }, { pageSize: 100 });
    const lead = a.data.find((r) => r.id === f.aReferrals[12])!.lead!;
    expect(lead).toMatchObject({
      firstName: "AFirst12",
      lastName: "L.",
      email: "a***@example.com",
      phone: "***-***-0012",
    });
    const admin = await listReferrals(t.db, {}, { partnerId: f.a, pageSize: 100 });
    expect(admin.data.find((r) => r.id === f.aReferrals[12])!.lead).toMatchObject({
      lastName: "Last12",
      email: "a12@example.com",
      phone: "5550000012",
    });
  });

  it("filters by comma-separated status case-insensitively, by source and by period", async () => {
    const r = await listReferrals(t.db, { partnerId: f.a }, { status: "converted,paid", pageSize: 100 });
    expect(r.data.every((x) => x.status === "CONVERTED" || x.status === "PAID")).toBe(true);
    expect(r.pagination.total).toBe(8); // i % 6 in {3,4} for i < 25
    const s = await listReferrals(
      t.db,
      { partnerId: f.a },
      new URLSearchParams("source=email&status=PENDING&status=expired"),
    );
    expect(s.data.every((x) => x.source === "EMAIL" && ["PENDING", "EXPIRED"].includes(x.status))).toBe(true);
    const period = await listReferrals(
      t.db,
      { partnerId: f.a },
      { from: "2026-11-10", to: "2026-11-15", pageSize: 100 },
    );
    // Days 5..10 before 2026-11-20 (both bare dates inclusive).
    expect(period.data.map((x) => x.createdAt.toISOString().slice(0, 10)).sort()).toEqual([
      "2026-11-10",
      "2026-11-11",
      "2026-11-12",
      "2026-11-13",
      "2026-11-14",
      "2026-11-15",
    ]);
  });

  it("searches by first name, code and sub id, but a partner cannot probe hidden e-mails", async () => {
    expect((await listReferrals(t.db, { partnerId: f.a }, { q: "afirst17" })).data.map((r) => r.id)).toEqual([
      f.aReferrals[17],
    ]);
    expect((await listReferrals(t.db, { partnerId: f.a }, { q: "spring" })).data.map((r) => r.id)).toEqual([
      f.aReferrals[7],
    ]);
    expect((await listReferrals(t.db, { partnerId: f.a }, { q: "a17@example.com" })).pagination.total).toBe(0);
    expect((await listReferrals(t.db, {}, { q: "a17@example.com" })).data.map((r) => r.id)).toEqual([f.aReferrals[17]]);
    expect((await listReferrals(t.db, { partnerId: f.a }, { q: "%" })).pagination.total).toBe(0);
  });

  it("sorts both ways and pages through every row exactly once, by page and by cursor", async () => {
    const asc = await listReferrals(t.db, { partnerId: f.a }, { sort: "createdAt", pageSize: 100 });
    const desc = await listReferrals(t.db, { partnerId: f.a }, { sort: "-createdAt", pageSize: 100 });
    expect(asc.data.map((r) => r.id)).toEqual(desc.data.map((r) => r.id).reverse());
    const times = desc.data.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const byPage: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await listReferrals(t.db, { partnerId: f.a }, { pageSize: 10, page });
      expect(p.pagination).toMatchObject({ page, pageSize: 10, total: 25 });
      byPage.push(...p.data.map((r) => r.id));
      expect(p.pagination.nextCursor === null).toBe(page === 3);
    }
    expect(byPage).toEqual(desc.data.map((r) => r.id));

    // pageSize 2 makes a page boundary fall inside the three rows sharing one timestamp.
    const byCursor: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await listReferrals(t.db, { partnerId: f.a }, { pageSize: 2, cursor });
      byCursor.push(...p.data.map((r) => r.id));
      cursor = p.pagination.nextCursor ?? undefined;
    } while (cursor);
    expect(byCursor).toEqual(desc.data.map((r) => r.id));

    const byStatus = await listReferrals(t.db, { partnerId: f.a }, { sort: "status", pageSize: 3 });
    const next = await listReferrals(
      t.db,
      { partnerId: f.a },
      { sort: "status", pageSize: 100, cursor: byStatus.pagination.nextCursor! },
    );
    expect(byStatus.data.length + next.data.length).toBe(25);
    expect(next.pagination.page).toBeNull();
  });

  it("pages show the first page for a stale or hand-edited cursor and say so; other errors still throw", async () => {
    const scope = { partnerId: f.a };
    const params = parseListSafe(referralListSchema, { cursor: "not-a-cursor", status: "pending" }).params;
    const r = await listFirstPageOnBadCursor(params, (p) => listReferrals(t.db, scope, p));
    const first = await listReferrals(t.db, scope, { status: "pending" });
    expect(r.result.data.map((x) => x.id)).toEqual(first.data.map((x) => x.id));
    expect(r.params).toMatchObject({ cursor: undefined, status: ["PENDING"] });
    expect(r.errors.map((e) => e.path)).toEqual(["cursor"]);
    const ok = await listFirstPageOnBadCursor(params, async () => "fine");
    expect(ok).toMatchObject({ result: "fine", errors: [] });
    await expect(
      listFirstPageOnBadCursor({ cursor: undefined }, async () => Promise.reject(new AppError("validation", "x"))),
    ).rejects.toThrow("x");
  });

  it("refuses bad input naming the field: pageSize over 100, unknown sort, bad status, foreign cursor, unknown params", async () => {
    await validation(listReferrals(t.db, {}, { pageSize: 101 }), "pageSize");
    await validation(listReferrals(t.db, {}, { page: 0 }), "page");
    await validation(listReferrals(t.db, {}, { sort: "-password" }), "sort");
    await validation(listReferrals(t.db, {}, { status: "PENDING,NOPE" }), "status.1");
    await validation(listReferrals(t.db, {}, { from: "yesterday" }), "from");
    await validation(listReferrals(t.db, {}, { partnerId: "1 or 1=1" }), "partnerId");
    const c = (await listReferrals(t.db, {}, { pageSize: 1 })).pagination.nextCursor!;
    await validation(listReferrals(t.db, {}, { sort: "status", cursor: c }), "cursor");
    await validation(listReferrals(t.db, {}, { cursor: "not-a-cursor" }), "cursor");
    await validation(listReferrals(t.db, {}, { colour: "red" } as never), "colour");
  });

  it("answers an empty page past the end", async () => {
    const p = await listReferrals(t.db, { partnerId: f.b }, { page: 9 });
    expect(p.data).toEqual([]);
    expect(p.pagination).toEqual({ page: 9, pageSize: 20, total: 5, nextCursor: null });
  });
});

describe("getReferral", () => {
  it("returns the own referral with rewards and a partner-safe timeline; another partner's is null", async () => {
    const d = await getReferral(t.db, { partnerId: f.a }, f.aReferrals[3]);
    expect(d?.lead?.email).toBe("a***@example.com");
    expect(d?.rewards.map((r) => r.amountCents)).toEqual([5000]);
    expect(d?.timeline.map((e) => [e.action, e.actor])).toEqual([
      ["referral.created", "Visitor"],
      ["referral.converted", "Program team"],
      ["reward.calculated", "System"],
    ]);
    expect(await getReferral(t.db, { partnerId: f.b }, f.aReferrals[3])).toBeNull();
    expect(await getReferral(t.db, { partnerId: f.b }, "not-a-uuid")).toBeNull();
    const admin = await getReferral(t.db, {}, f.aReferrals[3]);
    expect(admin?.timeline[1].actor).toBe("admin@demo.test");
  });
});
