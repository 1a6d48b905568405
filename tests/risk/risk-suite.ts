/**
 * The arrangement the fraud-review suites share: a fresh database (apiSuite), an admin API key, a fresh IP per
 * call, a lead through `POST /api/v1/leads` for a partner from an IP, and a conversion through
 * `POST /api/v1/referrals/{id}/process-conversion` of a referral made old enough not to count as too fast.
 *
 *   const { t, key, freshIp, lead, convertOne } = riskSuite({
 *     person: (n) => ({ firstName: "Ann", lastName: "Lee", email: `ann-${n}@example.com`, insuranceType: "AUTO" }),
 *     conversionValueCents: 50_000,
 *   });
 */
import { eq } from "drizzle-orm";
import { beforeAll, expect } from "vitest";
import { POST as createLead } from "@/app/api/v1/leads/route";
import { POST as convert } from "@/app/api/v1/referrals/[id]/process-conversion/route";
import { referrals, rewards } from "@/db/schema";
import { apiSuite, call, type TestPartner } from "../helpers/http";
import { lateBound } from "../helpers/late";

export interface RiskSuiteOptions {
  /** Make an admin user too (its bearer headers as `admin`). */
  admin?: boolean;
  /** The lead's person for the suite's n-th lead (names, e-mail, phone, insurance type). */
  person: (n: number) => Record<string, unknown>;
  /** Statuses a lead capture may answer (200: merged into the same person's lead). */
  statuses?: number[];
  conversionValueCents: number;
}

export function riskSuite(opts: RiskSuiteOptions) {
  const { t, admin } = apiSuite({ admin: opts.admin });
  let headers: Record<string, string> | undefined;
  beforeAll(async () => {
    headers = (await t.apiKey("ADMIN")).headers;
  });
  const key = lateBound<Record<string, string>>("the admin API key", () => headers);

  let n = 0;
  /** The suite's counter, for unique e-mails and transaction ids: `next()` moves it, `count()` reads it. */
  const next = () => ++n;
  const count = () => n;

  let ipN = 0;
  /** A fresh documentation-range address per call, so tests do not share an IP. */
  const freshIp = () => `198.51.${100 + (++ipN >> 8)}.${ipN & 255}`;

  /** A phoned-in lead for `p` from `ip` (source phone: no click is expected); the new referral's id. */
  async function lead(p: TestPartner, ip: string, email?: string): Promise<string> {
    const person = opts.person(email === undefined ? next() : n);
    const res = await call(createLead, "POST /api/v1/leads", {
      headers: key,
      body: {
        ...person,
        ...(email === undefined ? {} : { email }),
        referralCode: p.code,
        source: "phone",
        consent: { given: true, textVersion: "crm-1", ip },
      },
    });
    if (opts.statuses) expect(opts.statuses).toContain(res.status);
    else expect(res.status).toBe(201);
    return res.body.referral.id as string;
  }

  /** Converts the referral as if it came in `minutesOld` minutes ago; the reward created. */
  async function convertOne(referralId: string, minutesOld = 600) {
    await t.db
      .update(referrals)
      .set({ createdAt: new Date(Date.now() - minutesOld * 60_000) })
      .where(eq(referrals.id, referralId));
    const res = await call(convert, "POST /api/v1/referrals/[id]/process-conversion", {
      headers: key,
      params: { id: referralId },
      body: { conversionValueCents: opts.conversionValueCents },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.reward as { id: string };
  }

  const rewardRow = async (id: string) => (await t.db.select().from(rewards).where(eq(rewards.id, id)))[0];

  return { t, admin, key, next, count, freshIp, lead, convertOne, rewardRow };
}
