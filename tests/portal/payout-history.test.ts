import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/(partner)/portal/payouts/export.csv/route";
import { GET as partnerPayoutsApi } from "@/app/api/v1/partners/[id]/payouts/route";
import { GET as payoutsApi } from "@/app/api/v1/payouts/route";
import { payouts } from "@/db/schema";
import { runWithSessionUser } from "@/tests/helpers/session";
import { AppError } from "@/lib/errors";
import { listPayouts, payoutListSchema, payoutsForExport } from "@/lib/payouts/queries";
import { payoutExportParams, payoutHistory } from "@/lib/portal/payout-history";
import { payoutHistoryCsv } from "@/lib/payouts/csv";
import { parseListSafe } from "@/lib/query/list";
import { call, setupApiTest, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";

/**
 * The partner portal's payout history: filters (status, created or paid date range) scoped to the
 * signed-in partner, the page's parsing of its URL, and the CSV export carrying the same filters.
 */

let t: ApiTest;
let a: TestPartner;
let b: TestPartner;
let admin: TestUser;
/** Partner A's payouts by name; partner B gets a twin of each (same dates and statuses). */
const ids: Record<string, string> = {};
const bIds: string[] = [];

const at = (iso: string) => new Date(iso);
/** Boundary rows around February 2025 (UTC), by created date and by paid date. */
const ROWS = {
  janPaid: { status: "PAID", createdAt: at("2025-01-31T10:00:00Z"), paidAt: at("2025-02-01T00:00:00Z") },
  febLastMs: { status: "PAID", createdAt: at("2025-02-28T23:59:59.999Z"), paidAt: at("2025-03-01T09:00:00Z") },
  febFirst: { status: "PAID", createdAt: at("2025-02-01T00:00:00Z"), paidAt: at("2025-02-28T23:59:59.999Z") },
  marFailed: { status: "FAILED", createdAt: at("2025-03-01T00:00:00Z"), paidAt: null, failureReason: "Account closed" },
  febPending: { status: "PENDING", createdAt: at("2025-02-15T12:00:00Z"), paidAt: null },
} as const;
/** Older paid payouts, one a week through 2024: more than one page (20) of rows. */
const OLD_COUNT = 30;

beforeAll(async () => {
  t = await setupApiTest();
  [a, b, admin] = await Promise.all([t.partner(), t.partner(), t.admin()]);
  let n = 0;
  for (const [name, row] of Object.entries(ROWS)) {
    for (const [partner, txn] of [
      [a, `A-${name}`],
      [b, `B-${name}`],
    ] as const) {
      const [p] = await t.db
        .insert(payouts)
        .values({
          partnerId: partner.partner.id,
          amountCents: 10_000 + n++,
          paymentMethod: "BANK_TRANSFER",
          transactionId: row.status === "PAID" ? txn : null,
          ...row,
          rewardCount: 1,
        })
        .returning();
      if (partner === a) ids[name] = p.id;
      else bIds.push(p.id);
    }
  }
  await t.db.insert(payouts).values(
    Array.from({ length: OLD_COUNT }, (_, i) => {
      const createdAt = new Date(Date.UTC(2024, 0, 1 + i * 7, 8));
      return {
        partnerId: a.partner.id,
        amountCents: 5_000 + i,
        status: "PAID" as const,
        paymentMethod: "PAYPAL" as const,
        transactionId: `A-OLD-${i}`,
        createdAt,
        paidAt: new Date(createdAt.getTime() + 86_400_000),
      };
    }),
  );
});
afterAll(() => t.close());

const scopeA = () => ({ partnerId: a.partner.id });
const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const named = (...names: (keyof typeof ROWS)[]) => names.map((n) => ids[n]).sort();

describe("payout filters (the where-clause the API, the page and the export share)", () => {
  it("a partner only ever sees its own payouts, whatever the filter says", async () => {
    const all = await listPayouts(t.db, scopeA(), { pageSize: 100 });
    expect(all.pagination.total).toBe(Object.keys(ROWS).length + OLD_COUNT);
    expect(all.data.every((p) => p.partnerId === a.partner.id)).toBe(true);
    expect((await listPayouts(t.db, scopeA(), { partnerId: b.partner.id })).pagination.total).toBe(0);
    const exported = await payoutsForExport(t.db, scopeA(), { from: "2025-01-01" });
    expect(exported.some((p) => bIds.includes(p.id))).toBe(false);
  });

  it.each([
    ["paid", ["janPaid", "febLastMs", "febFirst"]],
    ["FAILED", ["marFailed"]],
    ["pending,failed", ["marFailed", "febPending"]],
  ] as const)("status=%s (case-insensitive, comma-separated)", async (status, expected) => {
    const r = await listPayouts(t.db, scopeA(), { status, from: "2025-01-01", pageSize: 100 });
    expect(idsOf(r.data)).toEqual(named(...expected));
  });

  it("created range: `from` inclusive from 00:00 UTC, a bare-date `to` includes its whole day, a date-time `to` is exclusive", async () => {
    const feb = await listPayouts(t.db, scopeA(), { from: "2025-02-01", to: "2025-02-28" });
    expect(idsOf(feb.data)).toEqual(named("febFirst", "febLastMs", "febPending"));
    const exclusive = await listPayouts(t.db, scopeA(), { from: "2025-02-01", to: "2025-02-28T23:59:59.999Z" });
    expect(idsOf(exclusive.data)).toEqual(named("febFirst", "febPending"));
    const oneDay = await listPayouts(t.db, scopeA(), { from: "2025-03-01", to: "2025-03-01" });
    expect(idsOf(oneDay.data)).toEqual(named("marFailed"));
    expect(
      (await listPayouts(t.db, scopeA(), { dateField: "createdAt", from: "2025-02-01", to: "2025-02-28" })).pagination
        .total,
    ).toBe(3);
  });

  it("paid range: the same bounds over the paid date; unpaid payouts have none, so a range leaves them out", async () => {
    const feb = await listPayouts(t.db, scopeA(), { dateField: "paidAt", from: "2025-02-01", to: "2025-02-28" });
    expect(idsOf(feb.data)).toEqual(named("janPaid", "febFirst"));
    const since = await listPayouts(t.db, scopeA(), { dateField: "paidAt", from: "2025-02-01" });
    expect(idsOf(since.data)).toEqual(named("janPaid", "febFirst", "febLastMs"));
    // dateField alone filters nothing: every payout, paid or not.
    expect((await listPayouts(t.db, scopeA(), { dateField: "paidAt" })).pagination.total).toBe(
      Object.keys(ROWS).length + OLD_COUNT,
    );
  });

  it("refuses bad values naming the field (the API's 400)", async () => {
    for (const [input, path] of [
      [{ dateField: "updatedAt" }, "dateField"],
      [{ status: "CANCELLED" }, "status"],
      [{ from: "01/02/2025" }, "from"],
      [{ to: "2025-02-30x" }, "to"],
    ] as const) {
      const e = await listPayouts(t.db, scopeA(), input as never).catch((x: unknown) => x);
      expect(e, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((e as AppError).errors[0].path).toMatch(new RegExp(`^${path}`));
    }
    const safe = parseListSafe(payoutListSchema, { dateField: "nope", status: "paid" });
    expect([safe.params.dateField, safe.params.status]).toEqual(["createdAt", undefined]);
    expect(safe.errors.map((e) => e.path)).toEqual(["dateField"]);
  });
});

describe("the payout history page's state", () => {
  it("reads the filters from the URL, fills the form (with `to` as the last day included) and carries them to the CSV link", async () => {
    const sp = {
      status: "PAID",
      dateField: "paidAt",
      from: "2025-02-01",
      to: "2025-02-28",
      page: "1",
      pageSize: "1",
      utm_source: "mail",
      sort: "-amountCents",
    };
    const h = await payoutHistory(t.db, scopeA(), sp);
    expect(h.errors).toEqual([]);
    expect(h.filtered).toBe(true);
    expect(h.form).toEqual({ status: "PAID", dateField: "paidAt", from: "2025-02-01", to: "2025-02-28" });
    expect(h.result.pagination.total).toBe(2);
    expect(h.result.data).toHaveLength(1);
    const link = new URL(h.exportHref, "http://x");
    expect(link.pathname).toBe("/portal/payouts/export.csv");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      status: "PAID",
      dateField: "paidAt",
      from: "2025-02-01",
      to: "2025-02-28",
      sort: "-amountCents",
    });
  });

  it("an exclusive date-time `to` shows as the day before; a multi-status filter leaves the select on Any", async () => {
    const h = await payoutHistory(t.db, scopeA(), { status: ["paid", "failed"], to: "2025-03-01T00:00:00Z" });
    expect(h.form).toMatchObject({ status: "", to: "2025-02-28" });
    expect(h.result.data.every((p) => p.status === "PAID" || p.status === "FAILED")).toBe(true);
    expect(new URL(h.exportHref, "http://x").searchParams.get("status")).toBe("paid,failed");
  });

  it("bad parameters are ignored and reported, not a 500; the CSV link then carries no filter", async () => {
    const h = await payoutHistory(t.db, scopeA(), { status: "LOST", from: "2025-02-01" });
    expect(h.errors.map((e) => e.path)).toEqual(["status.0"]);
    expect(h.filtered).toBe(false);
    expect(h.result.pagination.total).toBe(Object.keys(ROWS).length + OLD_COUNT);
    expect(h.exportHref).toBe("/portal/payouts/export.csv");
    const cursor = await payoutHistory(t.db, scopeA(), { status: "paid", cursor: "not-a-cursor" });
    expect(cursor.errors.map((e) => e.path)).toEqual(["cursor"]);
    expect(cursor.result.pagination.page).toBe(1);
    expect(cursor.exportHref).toBe("/portal/payouts/export.csv?status=paid");
  });

  it("an empty filtered result is told apart from no payouts at all; an inverted range is flagged", async () => {
    const none = await payoutHistory(t.db, scopeA(), { from: "2030-01-01" });
    expect([none.result.data.length, none.filtered]).toEqual([0, true]);
    const inverted = await payoutHistory(t.db, scopeA(), { from: "2025-03-01", to: "2025-02-01" });
    expect(inverted.rangeError).toBe("must not be before From");
    expect((await payoutHistory(t.db, scopeA(), { from: "2025-03-01", to: "2025-03-01" })).rangeError).toBeNull();
    const fresh = await t.partner();
    const empty = await payoutHistory(t.db, { partnerId: fresh.partner.id }, {});
    expect([empty.result.pagination.total, empty.filtered]).toEqual([0, false]);
  });

  it("the export takes only filters and sort from a URL (never paging)", () => {
    const p = payoutExportParams(
      new URLSearchParams("status=paid&status=failed&page=3&pageSize=5&cursor=abc&from=&to=2025-01-31&x=1&sort=paidAt"),
    );
    expect(p.toString()).toBe("status=paid%2Cfailed&to=2025-01-31&sort=paidAt");
  });
});

describe("payout history CSV", () => {
  const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

  it("holds every filtered row across all pages, in the list's order", async () => {
    const filter = { status: "paid", to: "2024-12-31" };
    const rows = parse(await payoutHistoryCsv(t.db, scopeA(), filter));
    expect(rows).toHaveLength(OLD_COUNT);
    const pages = [];
    for (let page = 1; page <= 2; page++) pages.push(...(await listPayouts(t.db, scopeA(), { ...filter, page })).data);
    expect(pages).toHaveLength(OLD_COUNT);
    expect(rows.map((r) => r.payout_id)).toEqual(pages.map((p) => p.id));
    const asc = parse(await payoutHistoryCsv(t.db, scopeA(), { ...filter, sort: "amountCents" }));
    expect(asc.map((r) => Number(r.amount))).toEqual(asc.map((r) => Number(r.amount)).sort((x, y) => x - y));
  });

  it("GET /portal/payouts/export.csv: the signed-in partner's rows matching the filters, exactly", async () => {
    const res = await runWithSessionUser(a.user, () =>
      call(exportCsv, "GET /portal/payouts/export.csv", {
        query: { dateField: "paidAt", from: "2025-02-01", to: "2025-02-28", page: "2", pageSize: "1" },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parse(res.body);
    expect(rows.map((r) => r.payout_id).sort()).toEqual(named("janPaid", "febFirst"));
    expect(rows.map((r) => r.paid_at).sort()).toEqual(["2025-02-01T00:00:00.000Z", "2025-02-28T23:59:59.999Z"]);
    const failed = parse(
      (
        await runWithSessionUser(a.user, () =>
          call(exportCsv, "GET /portal/payouts/export.csv", { query: { status: "failed" } }),
        )
      ).body,
    );
    expect(failed).toEqual([
      expect.objectContaining({
        payout_id: ids.marFailed,
        status: "FAILED",
        paid_at: "",
        failure_reason: "Account closed",
      }),
    ]);
    const asB = parse((await runWithSessionUser(b.user, () => call(exportCsv, "GET /portal/payouts/export.csv"))).body);
    expect(asB.map((r) => r.payout_id).sort()).toEqual([...bIds].sort());
  });

  it("a bad filter answers 400 problem+json naming it; signed out 401; an admin 404", async () => {
    const bad = await runWithSessionUser(a.user, () =>
      call(exportCsv, "GET /portal/payouts/export.csv", { query: { dateField: "updatedAt" } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(bad.body.errors[0].path).toBe("dateField");
    expect((await runWithSessionUser(null, () => call(exportCsv, "GET /portal/payouts/export.csv"))).status).toBe(401);
    expect((await runWithSessionUser(admin.user, () => call(exportCsv, "GET /portal/payouts/export.csv"))).status).toBe(
      404,
    );
  });
});

describe("GET /api/v1/payouts takes the same filters", () => {
  const FEB_PAID = { dateField: "paidAt", from: "2025-02-01", to: "2025-02-28" };

  it("a partner gets its own payouts in the paid range; an admin gets every partner's", async () => {
    const own = await call(payoutsApi, "GET /api/v1/payouts", { headers: a.headers, query: FEB_PAID });
    expect(own.status).toBe(200);
    expect(idsOf(own.body.data)).toEqual(named("janPaid", "febFirst"));
    const all = await call(payoutsApi, "GET /api/v1/payouts", {
      headers: admin.headers,
      query: { ...FEB_PAID, pageSize: 100 },
    });
    expect(all.body.pagination.total).toBe(4);
    expect(new Set(all.body.data.map((p: { partnerId: string }) => p.partnerId))).toEqual(
      new Set([a.partner.id, b.partner.id]),
    );
    const other = await call(payoutsApi, "GET /api/v1/payouts", {
      headers: a.headers,
      query: { ...FEB_PAID, partnerId: b.partner.id },
    });
    expect(other.body.pagination.total).toBe(0);
  });

  it("GET /partners/{id}/payouts too; another partner's id is 404", async () => {
    const own = await call(partnerPayoutsApi, "GET /api/v1/partners/[id]/payouts", {
      params: { id: a.partner.id },
      headers: a.headers,
      query: { status: "pending,failed", dateField: "createdAt", from: "2025-02-01", to: "2025-03-01" },
    });
    expect(idsOf(own.body.data)).toEqual(named("marFailed", "febPending"));
    expect(
      (
        await call(partnerPayoutsApi, "GET /api/v1/partners/[id]/payouts", {
          params: { id: b.partner.id },
          headers: a.headers,
          query: FEB_PAID,
        })
      ).status,
    ).toBe(404);
  });

  it("an unknown dateField is a 400 naming it", async () => {
    const res = await call(payoutsApi, "GET /api/v1/payouts", { headers: a.headers, query: { dateField: "failedAt" } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "dateField" })]);
  });
});
