import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as referralLink } from "@/app/(public)/r/[code]/route";
import { POST as createLead } from "@/app/api/v1/leads/route";
import { POST as createPartner, GET as listPartners } from "@/app/api/v1/partners/route";
import { PATCH as updateReferral } from "@/app/api/v1/referrals/[id]/route";
import { POST as rejectReferral } from "@/app/api/v1/referrals/[id]/reject/route";
import { POST as createReward } from "@/app/api/v1/rewards/route";
import { leads, referralClicks } from "@/db/schema";
import { apiLeadBody, insertReferral } from "../helpers/api-fixtures";
import { apiSuite, bound, byId, call } from "../helpers/http";

const { t, admin, testPartners } = apiSuite({ admin: true, partners: 1 });
const [a] = testPartners;
let n = 0;

const partner = (extra: Record<string, unknown>) => ({
  firstName: "Ann",
  lastName: "Lee",
  email: `ann${++n}@example.com`,
  ...extra,
});
const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);
const postLead = bound(createLead, "POST /api/v1/leads");
const rejectRef = byId(rejectReferral, "POST /api/v1/referrals/[id]/reject");
const patchRef = byId(updateReferral, "PATCH /api/v1/referrals/[id]");

describe("single-line text refuses control characters with a 400 naming the field", () => {
  it.each([
    ["firstName", { firstName: '=HYPERLINK("http://evil.example")\nBank' }, "firstName"],
    ["lastName", { lastName: "Lee\tTab" }, "lastName"],
    ["companyName", { companyName: "Ac\rme" }, "companyName"],
    ["companyName NUL", { companyName: "Acme\u0000" }, "companyName"],
    ["payout detail value", { payoutDetails: { iban: "DE89\n3704" } }, "payoutDetails.iban"],
    ["payout detail key", { payoutDetails: { "iban\nx": "DE89" } }, "payoutDetails"],
  ])("partner %s", async (_, extra, path) => {
    const res = await call(createPartner, "POST /api/v1/partners", { headers: admin.headers, body: partner(extra) });
    expect(res.status).toBe(400);
    expect(
      fieldsOf(res.body).some((p) => p.startsWith(path)),
      JSON.stringify(res.body),
    ).toBe(true);
  });

  it("reasons and references too", async () => {
    const ref = await insertReferral(t.db, { id: a.partner.id, code: a.code });
    const rejected = await rejectRef(ref.id, admin.headers, { reason: "dup\nlicate" });
    expect([rejected.status, fieldsOf(rejected.body)]).toEqual([400, ["reason"]]);
    const reward = await call(createReward, "POST /api/v1/rewards", {
      headers: admin.headers,
      body: { partnerId: a.partner.id, type: "BONUS", amountCents: 500, reason: "r\u0007" },
    });
    expect([reward.status, fieldsOf(reward.body)]).toEqual([400, ["reason"]]);
  });
});

describe("multi-line text keeps line breaks but refuses NUL", () => {
  it("a lead message may have several lines", async () => {
    const res = await postLead(admin.headers, apiLeadBody({ message: "first line\nsecond line\r\nthird" }));
    expect(res.status).toBe(201);
    const [row] = await t.db.select().from(leads).where(eq(leads.id, res.body.id));
    expect(row.message).toBe("first line\nsecond line\r\nthird");
  });

  it("NUL in a message or in referral notes is a 400 naming the field", async () => {
    const res = await postLead(admin.headers, apiLeadBody({ message: "a\u0000b" }));
    expect([res.status, fieldsOf(res.body)]).toEqual([400, ["message"]]);
    const ref = await insertReferral(t.db, { id: a.partner.id, code: a.code });
    const patched = await patchRef(ref.id, admin.headers, { notes: "x\u0000" });
    expect([patched.status, fieldsOf(patched.body)]).toEqual([400, ["notes"]]);
  });

  it("NUL anywhere in a body is refused naming the field, even where no text rule applies", async () => {
    const res = await postLead(
      admin.headers,
      apiLeadBody({ consent: { given: true, textVersion: "v1", userAgent: "Mozilla\u0000" } }),
    );
    expect([res.status, fieldsOf(res.body)]).toEqual([400, ["consent.userAgent"]]);
  });

  it("a NUL in a query value is a 400, not a database error", async () => {
    const res = await call(listPartners, "GET /api/v1/partners", { headers: admin.headers, query: { q: "a\u0000b" } });
    expect(res.status).toBe(400);
  });
});

describe("/r/{code} redirects whatever it is given", () => {
  const visit = (path: string) => {
    const url = new URL(path, "http://localhost:3000");
    const raw = url.pathname.split("/")[2];
    let code = raw;
    try {
      code = decodeURIComponent(raw);
    } catch {}
    return referralLink(new NextRequest(url, { headers: { "x-forwarded-for": "203.0.113.9" } }), {
      params: Promise.resolve({ code }),
    });
  };
  it.each(["/r/%00", "/r/A%00B", "/r/X?sub=%00", "/r/X?utm_source=a%00b", "/r/%C0%AF?to=%00"])(
    "%s → 307 to the form",
    async (path) => {
      const res = await visit(path);
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toMatch(/^\/quote/);
    },
  );

  it("the click is still recorded, without the NUL", async () => {
    const res = await visit(`/r/${a.code}?sub=x%00y&utm_source=a%00b`);
    expect(res.status).toBe(307);
    const clicks = await t.db.select().from(referralClicks).where(eq(referralClicks.code, a.code));
    const click = clicks.find((c) => c.subId === "xy");
    expect(click?.utmSource).toBe("ab");
    expect(res.headers.get("location")).toBe("/quote?utm_source=ab");
  });
});
