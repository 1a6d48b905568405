import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { settings } from "@/db/schema";
import { PARTNER_STATUSES, LEAD_STATUSES } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { captureLead, changeLeadStatus } from "@/lib/leads/service";
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from "@/lib/payouts/service";
import { changePartnerStatus, regenerateCode, type PartnerWithCode } from "@/lib/partners/service";
import {
  acceptReferral,
  createReferral,
  expireStale,
  linkToLead,
  processConversion,
  rejectReferral,
  withdrawReferral,
} from "@/lib/referrals/service";
import {
  approveReward,
  bulkApproveRewards,
  cancelReward,
  createManualReward,
  processPayment,
} from "@/lib/rewards/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, system, visitor } from "./helpers";

const t = dbSuite();
beforeAll(async () => {
  await t.db.update(settings).set({ holdDays: 1, referralExpiryDays: 20 });
});

const ids = async (table: string) =>
  rowsOf<{ id: string }>(await t.db.execute(sql.raw(`select id::text from ${table} order by created_at, id`))).map(
    (r) => r.id,
  );
const pick = <T>(xs: T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);

describe("random operation sequences keep every invariant", () => {
  it("1,000 random engine operations, invariants checked along the way", { timeout: 600_000 }, async () => {
    const partners: PartnerWithCode[] = [];
    for (let i = 0; i < 6; i++)
      partners.push(await newPartner(t.db, { commissionRateBps: [0, 333, 1000, 1250, 5000, 10000][i] }));
    const emails: string[] = [];
    let clock = new Date("2026-06-01T00:00:00Z").getTime();
    let ops = 0;
    let refused = 0;
    const opKind = fc.integer({ min: 0, max: 17 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(opKind, fc.nat(), fc.nat(), fc.boolean()), { minLength: 1000, maxLength: 1000 }),
        async (steps) => {
          for (const [kind, a, b, flag] of steps) {
            clock += (1 + (a % 240)) * 60_000 * (flag ? 1 : 6);
            const now = new Date(clock);
            const at = { now };
            const [referralIds, rewardIds, payoutIds, leadIds] = await Promise.all([
              ids("referrals"),
              ids("rewards"),
              ids("payouts"),
              ids("leads"),
            ]);
            const partner = pick(partners, a)!;
            const value = flag
              ? { conversionValue: ((a % 500000) / 100).toFixed(2) }
              : { conversionValueCents: b % 1_000_000 };
            try {
              switch (kind) {
                case 0:
                case 1: {
                  // New people, repeat people (merge or duplicate), self-referrals, unknown codes, no code.
                  const email =
                    b % 5 === 0 && emails.length
                      ? pick(emails, a)!
                      : b % 11 === 0
                        ? partner.email
                        : `p${ops}@example.com`;
                  emails.push(email);
                  const code = b % 7 === 0 ? undefined : b % 13 === 0 ? "NOSUCH0000" : partner.referralCode;
                  await captureLead(t.db, leadBody({ email, referralCode: code }), {
                    actor: visitor,
                    channel: "FORM",
                    now,
                  });
                  break;
                }
                case 2:
                  await changeLeadStatus(
                    t.db,
                    pick(leadIds, a)!,
                    {
                      status: LEAD_STATUSES[b % LEAD_STATUSES.length],
                      ...(b % 3 === 0 && LEAD_STATUSES[b % LEAD_STATUSES.length] === "CONVERTED" ? value : {}),
                    },
                    admin,
                    at,
                  );
                  break;
                case 3:
                  await createReferral(
                    t.db,
                    {
                      partnerId: partner.id,
                      referralCode: partner.referralCode,
                      source: "EMAIL",
                      ...(flag && leadIds.length ? { leadId: pick(leadIds, b) } : {}),
                    },
                    admin,
                    at,
                  );
                  break;
                case 4:
                  await linkToLead(t.db, pick(referralIds, a)!, { leadId: pick(leadIds, b)! }, admin, at);
                  break;
                case 5:
                  await (flag
                    ? acceptReferral(t.db, pick(referralIds, a)!, admin, at)
                    : rejectReferral(t.db, pick(referralIds, a)!, { reason: "random" }, admin, at));
                  break;
                case 6:
                  await withdrawReferral(t.db, pick(referralIds, a)!, admin, at);
                  break;
                case 7:
                case 8:
                  await processConversion(t.db, pick(referralIds, a)!, b % 4 === 0 ? {} : value, admin, at);
                  break;
                case 9:
                  await approveReward(
                    t.db,
                    pick(rewardIds, a)!,
                    flag ? { override: true, reason: "random override" } : {},
                    admin,
                    at,
                  );
                  break;
                case 10:
                  await bulkApproveRewards(
                    t.db,
                    { rewardIds: rewardIds.filter((_, i) => (i + a) % 3 === 0).slice(0, 50) },
                    {},
                    admin,
                    at,
                  );
                  break;
                case 11:
                  await cancelReward(t.db, pick(rewardIds, a)!, { reason: "random" }, admin, at);
                  break;
                case 12:
                  await processPayment(
                    t.db,
                    pick(rewardIds, a)!,
                    { paymentMethod: flag ? "PAYPAL" : "BANK_TRANSFER", transactionId: `T-${b % 40}` },
                    admin,
                    at,
                  );
                  break;
                case 13:
                  await createManualReward(
                    t.db,
                    {
                      partnerId: partner.id,
                      type: flag ? "CLAWBACK" : "BONUS",
                      amountCents: 1 + (b % 9000),
                      reason: "random",
                    },
                    admin,
                    at,
                  );
                  break;
                case 14:
                  await createPayoutBatch(t.db, { minimumCents: b % 3 === 0 ? 0 : undefined }, admin, at);
                  break;
                case 15:
                  await (flag
                    ? markPayoutPaid(
                        t.db,
                        pick(payoutIds, a)!,
                        { paymentMethod: "BANK_TRANSFER", transactionId: `B-${b % 30}` },
                        admin,
                        at,
                      )
                    : markPayoutFailed(t.db, pick(payoutIds, a)!, { reason: "random" }, admin, at));
                  break;
                case 16:
                  if (flag)
                    await regenerateCode(t.db, partner.id, admin, at).then(
                      (p) => (partners[partners.indexOf(partner)] = { ...partner, referralCode: p.referralCode }),
                    );
                  else await changePartnerStatus(t.db, partner.id, { status: PARTNER_STATUSES[b % 3] }, admin, at);
                  break;
                case 17:
                  await expireStale(t.db, now, system);
                  break;
              }
            } catch (e) {
              // Refusals are part of the game (forbidden moves, conflicts, missing ids); anything else is a bug.
              if (!(e instanceof AppError)) throw e;
              refused++;
            }
            ops++;
            if (ops % 250 === 0) {
              const bad = (await checkInvariants(t.db)).filter((r) => r.violations > 0);
              expect(bad, `after ${ops} operations`).toEqual([]);
            }
          }
          expect(totalViolations(await checkInvariants(t.db))).toBe(0);
        },
      ),
      { numRuns: 1, endOnFailure: true },
    );
    expect(ops).toBe(1000);
    console.log(`[property] ${ops} operations, ${refused} refused by the engine`);
    const [counts] = rowsOf<Record<string, number>>(
      await t.db.execute(
        sql`select (select count(*)::int from rewards where status = 'PAID') as paid, (select count(*)::int from payouts) as payouts, (select count(*)::int from referrals) as referrals`,
      ),
    );
    console.log(`[property] end state`, counts);
    expect(counts.referrals).toBeGreaterThan(50);
  });
});
