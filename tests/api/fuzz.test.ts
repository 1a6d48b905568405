import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as partnerOne from "@/app/api/v1/partners/[id]/route";
import * as regen from "@/app/api/v1/partners/[id]/regenerate-code/route";
import * as partnerStatus from "@/app/api/v1/partners/[id]/status/route";
import * as partners from "@/app/api/v1/partners/route";
import * as markFailed from "@/app/api/v1/payouts/[id]/mark-failed/route";
import * as markPaid from "@/app/api/v1/payouts/[id]/mark-paid/route";
import * as payouts from "@/app/api/v1/payouts/route";
import * as accept from "@/app/api/v1/referrals/[id]/accept/route";
import * as link from "@/app/api/v1/referrals/[id]/link-to-lead/route";
import * as convert from "@/app/api/v1/referrals/[id]/process-conversion/route";
import * as reject from "@/app/api/v1/referrals/[id]/reject/route";
import * as referralOne from "@/app/api/v1/referrals/[id]/route";
import * as checkExpired from "@/app/api/v1/referrals/check-expired/route";
import * as convertByBody from "@/app/api/v1/referrals/process-conversion/route";
import * as referrals from "@/app/api/v1/referrals/route";
import * as approve from "@/app/api/v1/rewards/[id]/approve/route";
import * as cancel from "@/app/api/v1/rewards/[id]/cancel/route";
import * as pay from "@/app/api/v1/rewards/[id]/process-payment/route";
import * as rewardOne from "@/app/api/v1/rewards/[id]/route";
import * as bulk from "@/app/api/v1/rewards/bulk-approve/route";
import * as payByBody from "@/app/api/v1/rewards/process-payment/route";
import * as rewards from "@/app/api/v1/rewards/route";
import { rowsOf } from "@/db";
import { insertLead, insertPayout, insertReferral, insertReward } from "../helpers/api-fixtures";
import { call, apiSuite, type ApiTest } from "../helpers/http";

type Handler = Parameters<typeof call>[0];

/** A route with a body that would be accepted, and which of its fields are required and of which kind. */
interface Target {
  route: string;
  handler: Handler;
  params?: Record<string, string>;
  valid: Record<string, unknown>;
  required: string[];
  /** Fields whose value is a string (text, enum, id) or a number; the others are left alone. */
  kinds: Record<string, "string" | "number">;
}

/** Values never right for a string or number field of our schemas (null is: it clears nullable fields). */
const notAScalar = fc.oneof(
  fc.boolean(),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
);
const wrongFor = {
  string: fc.oneof(
    notAScalar,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.string({ minLength: 2_001, maxLength: 2_100 }),
  ),
  number: fc.oneof(
    notAScalar,
    fc.string().filter((s) => !/^\s*\d/.test(s)),
    fc.constantFrom(1e300, -1e300, 1.005, -1, 2 ** 63),
  ),
};

/** A bad body for a target: never one the route may accept. */
function badBody(target: Target): fc.Arbitrary<{ text: string; how: string }> {
  const json = (v: unknown, how: string) => ({ text: JSON.stringify(v), how });
  const fields = Object.keys(target.kinds);
  const options: fc.Arbitrary<{ text: string; how: string }>[] = [
    // Unknown fields are refused by every strict schema, whatever their value.
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue())
      .map(([k, v]) => json({ ...target.valid, [`x_${k}`]: v }, "unknown field")),
    fc
      .oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.integer(), fc.string(), fc.boolean(), fc.constant(null))
      .map((v) => json(v, "not an object")),
    fc.string({ maxLength: 40 }).map((s) => ({ text: `{"${s.replace(/["\\]/g, "")}": `, how: "malformed JSON" })),
  ];
  if (fields.length)
    options.push(
      fc
        .constantFrom(...fields)
        .chain((f) => wrongFor[target.kinds[f]].map((v) => json({ ...target.valid, [f]: v }, `wrong ${f}`))),
    );
  if (target.required.length)
    options.push(
      fc.constantFrom(...target.required).map((f) => {
        const rest = { ...target.valid };
        delete rest[f];
        return json(rest, `missing ${f}`);
      }),
    );
  return fc.oneof(...options);
}

/** Every table's row count and content digest: any write anywhere changes it. */
async function snapshot(t: ApiTest): Promise<Record<string, string>> {
  const tables = rowsOf<{ tablename: string }>(
    await t.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by 1`),
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [r] = rowsOf<{ n: string; h: string | null }>(
      await t.db.execute(
        sql.raw(
          `select count(*)::text as n, md5(string_agg(x::text, '|' order by x::text)) as h from "${tablename}" x`,
        ),
      ),
    );
    out[tablename] = `${r.n}:${r.h ?? ""}`;
  }
  return out;
}

describe("fuzz: bad bodies on every POST and PATCH of the API", () => {
  const { t, admin } = apiSuite({ admin: true });
  let targets: Target[];
  beforeAll(async () => {
    const a = await t.partner();
    const ref = await insertReferral(t.db, { id: a.partner.id, code: a.code });
    const accepted = await insertReferral(t.db, { id: a.partner.id, code: a.code }, { status: "ACCEPTED" });
    const lead = await insertLead(t.db);
    const reward = await insertReward(t.db, a.partner.id);
    const approved = await insertReward(t.db, a.partner.id, { status: "APPROVED" });
    const payout = await insertPayout(t.db, a.partner.id);
    const s = "string" as const;
    const n = "number" as const;
    targets = [
      {
        route: "POST /api/v1/partners",
        handler: partners.POST,
        valid: { firstName: "Ann", lastName: "Lee", email: "ann@example.com" },
        required: ["firstName", "lastName", "email"],
        kinds: { firstName: s, lastName: s, email: s },
      },
      {
        route: "PATCH /api/v1/partners/[id]",
        handler: partnerOne.PATCH,
        params: { id: a.partner.id },
        valid: { companyName: "Acme", commissionRateBps: 900 },
        required: [],
        kinds: { commissionRateBps: n },
      },
      {
        route: "POST /api/v1/partners/[id]/status",
        handler: partnerStatus.POST,
        params: { id: a.partner.id },
        valid: { status: "INACTIVE" },
        required: ["status"],
        kinds: { status: s },
      },
      {
        route: "POST /api/v1/partners/[id]/regenerate-code",
        handler: regen.POST,
        params: { id: a.partner.id },
        valid: {},
        required: [],
        kinds: {},
      },
      {
        route: "POST /api/v1/referrals",
        handler: referrals.POST,
        valid: { partnerId: a.partner.id, referralCode: a.code, source: "website" },
        required: ["partnerId", "referralCode"],
        kinds: { partnerId: s, referralCode: s, source: s },
      },
      {
        route: "PATCH /api/v1/referrals/[id]",
        handler: referralOne.PATCH,
        params: { id: ref.id },
        valid: { notes: "n", source: "EMAIL" },
        required: [],
        kinds: { source: s },
      },
      {
        route: "POST /api/v1/referrals/[id]/link-to-lead",
        handler: link.POST,
        params: { id: ref.id },
        valid: { leadId: lead.id },
        required: ["leadId"],
        kinds: { leadId: s },
      },
      {
        route: "POST /api/v1/referrals/[id]/accept",
        handler: accept.POST,
        params: { id: ref.id },
        valid: {},
        required: [],
        kinds: {},
      },
      {
        route: "POST /api/v1/referrals/[id]/reject",
        handler: reject.POST,
        params: { id: ref.id },
        valid: { reason: "dup" },
        required: ["reason"],
        kinds: { reason: s },
      },
      {
        route: "POST /api/v1/referrals/[id]/process-conversion",
        handler: convert.POST,
        params: { id: accepted.id },
        valid: { conversionValue: 1000.0 },
        required: [],
        kinds: { conversionValue: n },
      },
      {
        route: "POST /api/v1/referrals/process-conversion",
        handler: convertByBody.POST,
        valid: { referralId: accepted.id, conversionValue: 1000.0 },
        required: ["referralId"],
        kinds: { referralId: s, conversionValue: n },
      },
      { route: "POST /api/v1/referrals/check-expired", handler: checkExpired.POST, valid: {}, required: [], kinds: {} },
      {
        route: "POST /api/v1/rewards",
        handler: rewards.POST,
        valid: { partnerId: a.partner.id, type: "BONUS", amountCents: 500, reason: "r" },
        required: ["partnerId", "type", "amountCents", "reason"],
        kinds: { partnerId: s, type: s, amountCents: n, reason: s },
      },
      {
        route: "PATCH /api/v1/rewards/[id]",
        handler: rewardOne.PATCH,
        params: { id: reward.id },
        valid: { holdUntil: "2030-01-01T00:00:00Z" },
        required: [],
        kinds: { holdUntil: s },
      },
      {
        route: "POST /api/v1/rewards/[id]/approve",
        handler: approve.POST,
        params: { id: reward.id },
        valid: { reason: "ok" },
        required: [],
        kinds: { reason: s },
      },
      {
        route: "POST /api/v1/rewards/[id]/cancel",
        handler: cancel.POST,
        params: { id: reward.id },
        valid: { reason: "r" },
        required: ["reason"],
        kinds: { reason: s },
      },
      {
        route: "POST /api/v1/rewards/[id]/process-payment",
        handler: pay.POST,
        params: { id: approved.id },
        valid: { paymentMethod: "CHECK", transactionId: "T" },
        required: ["paymentMethod", "transactionId"],
        kinds: { paymentMethod: s, transactionId: s },
      },
      {
        route: "POST /api/v1/rewards/process-payment",
        handler: payByBody.POST,
        valid: { rewardId: approved.id, paymentMethod: "CHECK", transactionId: "T" },
        required: ["rewardId", "paymentMethod", "transactionId"],
        kinds: { rewardId: s, paymentMethod: s, transactionId: s },
      },
      {
        route: "POST /api/v1/rewards/bulk-approve",
        handler: bulk.POST,
        valid: { rewardIds: [reward.id] },
        required: ["rewardIds"],
        kinds: {},
      },
      {
        route: "POST /api/v1/payouts",
        handler: payouts.POST,
        valid: { minimumCents: 0 },
        required: [],
        kinds: { minimumCents: n },
      },
      {
        route: "POST /api/v1/payouts/[id]/mark-paid",
        handler: markPaid.POST,
        params: { id: payout.id },
        valid: { paymentMethod: "CHECK", transactionId: "T" },
        required: ["paymentMethod", "transactionId"],
        kinds: { paymentMethod: s, transactionId: s },
      },
      {
        route: "POST /api/v1/payouts/[id]/mark-failed",
        handler: markFailed.POST,
        params: { id: payout.id },
        valid: { reason: "r" },
        required: ["reason"],
        kinds: { reason: s },
      },
    ];
  });

  it(
    "answers ≥1,000 generated bad bodies with 4xx problem+json, never a 5xx, and writes nothing",
    { timeout: 180_000 },
    async () => {
      const before = await snapshot(t);
      const seen: Record<number, number> = {};
      let sent = 0;
      const cases = fc
        .integer({ min: 0, max: targets.length - 1 })
        .chain((i) => badBody(targets[i]).map((b) => ({ target: targets[i], ...b })));
      await fc.assert(
        fc.asyncProperty(cases, async ({ target, text, how }) => {
          const res = await call(target.handler, target.route, {
            params: target.params,
            headers: admin.headers,
            body: text,
          });
          sent++;
          seen[res.status] = (seen[res.status] ?? 0) + 1;
          expect(res.status, `${target.route} ${how}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${target.route} ${how}: ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(res.headers.get("content-type")).toBe("application/problem+json");
        }),
        { numRuns: 1_200, seed: 20261125 },
      );
      // Oversized and non-JSON bodies take their own paths (413, 415) before any parsing.
      for (const target of targets) {
        const huge = await call(target.handler, target.route, {
          params: target.params,
          headers: admin.headers,
          body: JSON.stringify({ pad: "x".repeat(1_100_000) }),
        });
        const form = await call(target.handler, target.route, {
          params: target.params,
          headers: { ...admin.headers, "content-type": "application/x-www-form-urlencoded" },
          body: "a=1",
        });
        expect([huge.status, form.status], target.route).toEqual([413, 415]);
        sent += 2;
      }
      expect(sent).toBeGreaterThanOrEqual(1_000);
      expect(Object.keys(seen).every((s) => Number(s) < 500)).toBe(true);
      expect(await snapshot(t)).toEqual(before);
    },
  );
});
