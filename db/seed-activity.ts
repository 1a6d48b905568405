import { consentText, CURRENT_CONSENT_VERSION } from "@/lib/leads/consent-text";
import { systemActor, type Actor } from "@/lib/audit/actor";
import { foldName } from "@/lib/partners/code";
import { changePartnerStatus, type PartnerWithCode } from "@/lib/partners/service";
import type { Rng } from "@/lib/random";
import { captureLead, changeLeadStatus, type Lead } from "@/lib/leads/service";
import { leadInputSchema } from "@/lib/leads/schemas";
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from "@/lib/payouts/service";
import type { Referral } from "@/lib/referrals/core";
import { createReferral, expireStale, linkToLead, withdrawReferral } from "@/lib/referrals/service";
import { approveReward, cancelReward, createManualReward, processPayment } from "@/lib/rewards/service";
import type { Tx } from "./index";
import { eq } from "drizzle-orm";
import { referralClicks, rewards, settings } from "./schema";
import { DAY, HOUR, Plan, plus } from "./seed-plan";

const FIRST = [
  "James",
  "Maria",
  "Robert",
  "Linda",
  "Ahmed",
  "Yuki",
  "Carlos",
  "Priya",
  "Anna",
  "Kwame",
  "Elena",
  "Tom",
  "Fatima",
  "Lars",
  "Mei",
  "Omar",
  "Sara",
  "Ivan",
];
const LAST = [
  "Smith",
  "Lopez",
  "Kim",
  "Hassan",
  "Anderson",
  "Ito",
  "Fernández",
  "Sharma",
  "Novak",
  "Mensah",
  "Petrova",
  "O'Neil",
  "Haddad",
  "Berg",
  "Chen",
  "Farouk",
  "Lind",
  "Popov",
];
const TYPES = ["AUTO", "AUTO", "HOME", "LIFE", "HEALTH", "COMMERCIAL"];
const STATES = ["TX", "CA", "FL", "NY", "IL", "GA", "OH", "WA"];
const SOURCES = ["website", "email", "social_media", "phone", "in_person", "mobile_app", "facebook"];

const SEED_HOLD_DAYS = 14;

type Outcome = "NEW" | "CONTACTED" | "QUALIFIED" | "LOST" | "CONVERTED";
type Fate = "HOLD" | "APPROVE" | "PAY" | "CANCEL" | "NO_VALUE";
interface Story {
  partner: PartnerWithCode | null;
  code?: string;
  daysAgo: number;
  outcome: Outcome;
  fate?: Fate;
  email?: string;
  clickId?: string;
  lead?: Lead;
  referral?: Referral | null;
}

export interface ActivityContext {
  partners: PartnerWithCode[];
  admin: Actor;
  visitor: Actor;
  now: Date;
  rng: Rng;
}

/** 90 days of program activity through the engine: see seedDemo. */
export async function seedActivity(tx: Tx, { partners, admin, visitor, now, rng }: ActivityContext): Promise<void> {
  const [{ holdDays }] = await tx.select({ holdDays: settings.holdDays }).from(settings);
  // A 14-day hold while history is replayed, so recent rewards still wait; the program's setting is restored after.
  await tx.update(settings).set({ holdDays: SEED_HOLD_DAYS });
  const plan = new Plan(now);
  const ago = (d: number) => new Date(now.getTime() - d * DAY);
  const [demo, inactive, suspended, ...others] = partners;
  const active = [demo, ...others];
  const consent = consentText("Acme Insurance Quotes") ?? "";
  let n = 0;

  const body = (s: Story, extra: Record<string, unknown> = {}) => {
    n++;
    const first = FIRST[n % FIRST.length];
    const last = LAST[(n * 5) % LAST.length];
    s.email ??= `${foldName(first)}.${foldName(last)}${n}`.toLowerCase() + "@example.com";
    return leadInputSchema.parse({
      firstName: first,
      lastName: last,
      email: s.email,
      phone: `212${String(2000000 + n * 37).slice(-7)}`,
      state: rng.pick(STATES),
      zip: String(rng.int(10000, 99999)),
      insuranceType: rng.pick(TYPES),
      referralCode: s.code,
      source: rng.pick(SOURCES),
      consent: {
        given: true,
        textVersion: CURRENT_CONSENT_VERSION,
        userAgent: "Mozilla/5.0 (demo)",
        pageUrl: "http://localhost:3000/quote",
      },
      ...extra,
    });
  };

  let approvableLeft = 6;
  let payments = 0;
  const rewardFate = (s: Story, convertedAt: Date, reward: { id: string; holdUntil: Date | null }) => {
    const releasedAt = reward.holdUntil ?? convertedAt;
    if (s.fate === "HOLD" || releasedAt > now) return;
    if (approvableLeft > 0 && s.fate !== "PAY" && s.fate !== "CANCEL") {
      approvableLeft--;
      return; // stays CALCULATED past its hold: ready for the admin's approval queue
    }
    if (s.fate === "CANCEL")
      plan.at(
        plus(convertedAt, 2 * DAY),
        async (at) =>
          void (await cancelReward(tx, reward.id, { reason: "Policy cancelled during the free-look period" }, admin, {
            now: at,
          })),
      );
    else if (s.fate === "PAY")
      plan.at(
        plus(releasedAt, 2 * DAY),
        async (at) =>
          void (await processPayment(
            tx,
            reward.id,
            { paymentMethod: "PAYPAL", transactionId: `PP-${String(++payments).padStart(5, "0")}` },
            admin,
            { now: at },
          )),
      );
    else
      plan.at(plus(releasedAt, DAY), async (at) => void (await approveReward(tx, reward.id, {}, admin, { now: at })));
  };

  const story = (s: Story) => {
    const t0 = ago(s.daysAgo);
    plan.at(t0, async (at) => {
      const r = await captureLead(tx, body(s), {
        actor: visitor,
        channel: "FORM",
        // One visitor, one address (198.18.0.0/15, the benchmarking range): the fraud signals see honest traffic.
        ip: `198.18.${(stories.indexOf(s) >> 8) & 255}.${stories.indexOf(s) & 255}`,
        consentText: consent,
        clickId: s.clickId,
        now: at,
      });
      s.lead = r.lead;
      s.referral = r.referral;
    });
    // The CRM's steps, thinned: a lead may be qualified or bought without every intermediate status.
    const steps: [Outcome, number][] = [];
    if (s.outcome === "CONTACTED") steps.push(["CONTACTED", 1]);
    if (s.outcome === "QUALIFIED" || s.outcome === "LOST" || (s.outcome === "CONVERTED" && s.daysAgo % 2 === 0))
      steps.push(["QUALIFIED", 3]);
    if (s.outcome === "CONVERTED") steps.push(["CONVERTED", 4 + (s.daysAgo % 9)]);
    for (const [status, days] of steps) {
      plan.at(plus(t0, days * DAY), async (at) => {
        const value =
          status === "CONVERTED" && s.fate !== "NO_VALUE"
            ? { conversionValue: (rng.int(40, 300) * 10).toFixed(2) }
            : {};
        const out = await changeLeadStatus(tx, s.lead!.id, { status, ...value }, admin, { now: at });
        const rewardId = out.referralChange?.rewardId;
        if (status === "CONVERTED" && rewardId && s.fate !== "NO_VALUE") {
          // The hold is the longer of the program hold and the lead's free-look window (lib/rewards/hold.ts).
          const [w] = await tx.select({ holdUntil: rewards.holdUntil }).from(rewards).where(eq(rewards.id, rewardId));
          rewardFate(s, at, { id: rewardId, holdUntil: w?.holdUntil ?? plus(at, SEED_HOLD_DAYS * DAY) });
        }
      });
    }
    if (s.outcome === "LOST")
      plan.at(
        plus(t0, 5 * DAY),
        async (at) => void (await changeLeadStatus(tx, s.lead!.id, { status: "LOST" }, admin, { now: at })),
      );
  };

  // Clicks first (one insert): one per referred story plus browsing that did not convert.
  const stories: Story[] = [];
  const outcomeRoll = (): Outcome => {
    const r = rng.next();
    return r < 0.12 ? "NEW" : r < 0.2 ? "CONTACTED" : r < 0.36 ? "QUALIFIED" : r < 0.46 ? "LOST" : "CONVERTED";
  };
  const fateRoll = (): Fate => {
    const r = rng.next();
    return r < 0.06 ? "NO_VALUE" : r < 0.14 ? "CANCEL" : r < 0.26 ? "PAY" : "APPROVE";
  };
  for (let i = 0; i < 75; i++) {
    const daysAgo = rng.int(1, 89);
    const r = rng.next();
    const partner =
      r < 0.08 ? null : r < 0.12 ? inactive : r < 0.38 ? demo : daysAgo > 25 && r < 0.42 ? suspended : rng.pick(others);
    const code = partner?.referralCode ?? (rng.chance(0.3) ? "OLDCODE999" : undefined);
    stories.push({ partner, code, daysAgo, outcome: outcomeRoll(), fate: daysAgo < 18 ? "HOLD" : fateRoll() });
  }
  // The demo partner in every status, whatever the dice said.
  for (const [outcome, fate, daysAgo] of [
    ["NEW", undefined, 3],
    ["QUALIFIED", undefined, 10],
    ["LOST", undefined, 40],
    ["CONVERTED", "HOLD", 9],
    ["CONVERTED", "NO_VALUE", 30],
    ["CONVERTED", "APPROVE", 70],
    ["CONVERTED", "APPROVE", 35],
    ["CONVERTED", "CANCEL", 50],
    ["CONVERTED", "PAY", 60],
    ["CONVERTED", "APPROVE", 28],
  ] as const)
    stories.push({ partner: demo, code: demo.referralCode, daysAgo, outcome, fate });

  const clickRows = stories
    .filter((s) => s.code)
    .map((s) => ({ s, at: plus(ago(s.daysAgo), -rng.int(5, 240) * 60_000) }));
  const browsing = Array.from({ length: 260 }, () => {
    const p = rng.chance(0.05) ? null : rng.chance(0.3) ? demo : rng.pick(active);
    return { p, at: plus(ago(rng.int(0, 89)), -rng.int(0, 1400) * 60_000) };
  });
  const inserted = await tx
    .insert(referralClicks)
    .values([
      ...clickRows.map(({ s, at }) => {
        const valid = !!s.partner && s.partner !== inactive;
        const invalidReason = valid ? null : s.partner ? "PARTNER_INACTIVE" : "UNKNOWN_CODE";
        return {
          partnerId: s.partner?.id ?? null,
          code: s.code!,
          valid,
          invalidReason,
          landingUrl: "/quote",
          createdAt: at,
        };
      }),
      ...browsing.map(({ p, at }) => ({
        partnerId: p?.id ?? null,
        code: p?.referralCode ?? "NOSUCH0000",
        valid: !!p,
        invalidReason: p ? null : "UNKNOWN_CODE",
        landingUrl: "/quote/auto",
        utmSource: rng.pick(["newsletter", "facebook", "blog", null]),
        createdAt: at,
      })),
    ])
    .returning({ id: referralClicks.id });
  clickRows.forEach(({ s }, i) => (s.clickId = inserted[i].id));
  stories.forEach(story);

  plan.at(
    ago(20),
    async (at) =>
      void (await changePartnerStatus(tx, suspended.id, { status: "SUSPENDED", reason: "Compliance review" }, admin, {
        now: at,
      })),
  );
  await specialCases({ tx, plan, ago, admin, visitor, demo, others, stories, body, consent });

  // Monthly payout batches; the second has one failed transfer, the last leaves the demo partner's payout PENDING.
  for (const [k, d] of [
    [1, 75],
    [2, 45],
    [3, 15],
  ] as const) {
    plan.at(ago(d), async (at) => {
      const { payouts } = await createPayoutBatch(tx, {}, admin, { now: at });
      let failed = false;
      payouts.forEach((p, i) => {
        if (k === 3 && p.partnerId === demo.id) return;
        if (k === 2 && !failed && p.partnerId !== demo.id) {
          failed = true;
          plan.at(
            plus(at, 3 * DAY),
            async (t) =>
              void (await markPayoutFailed(tx, p.id, { reason: "Bank returned: account closed" }, admin, { now: t })),
          );
          return;
        }
        plan.at(
          plus(at, 3 * DAY),
          async (t) =>
            void (await markPayoutPaid(
              tx,
              p.id,
              { paymentMethod: "BANK_TRANSFER", transactionId: `ACH-${k}-${String(i + 1).padStart(3, "0")}` },
              admin,
              { now: t },
            )),
        );
      });
    });
  }
  plan.at(ago(5), async (at) => void (await expireStale(tx, at, systemActor("expire-referrals"))));
  await plan.run();
  await tx.update(settings).set({ holdDays });
}

/**
 * Referrals made through the API's steps (create, link, withdraw), duplicates, self-referrals, merges, expiries,
 * manual rewards.
 */
async function specialCases(c: {
  tx: Tx;
  plan: Plan;
  ago: (d: number) => Date;
  admin: Actor;
  visitor: Actor;
  demo: PartnerWithCode;
  others: PartnerWithCode[];
  stories: Story[];
  body: (s: Story, extra?: Record<string, unknown>) => ReturnType<typeof leadInputSchema.parse>;
  consent: string;
}) {
  const { tx, plan, ago, admin, visitor, demo, others, stories, body, consent } = c;
  const form = (at: Date) => ({ actor: visitor, channel: "FORM" as const, consentText: consent, now: at });
  const partnerActor = (p: PartnerWithCode): Actor => ({
    type: "USER",
    id: p.id,
    label: p.email,
    role: "PARTNER",
    partnerId: p.id,
    requestId: "demo-seed",
  });
  for (const [i, p] of [demo, demo, demo, others[0], others[1], others[2]].entries()) {
    const t0 = ago(60 - i * 7);
    plan.at(t0, async (at) => {
      const r = await createReferral(
        tx,
        { partnerId: p.id, referralCode: p.referralCode, source: "PHONE", notes: "Called in after a seminar" },
        partnerActor(p),
        { now: at },
      );
      if (i % 3 === 0) {
        plan.at(plus(at, 2 * DAY), async (t) => {
          const { lead } = await captureLead(tx, body({ partner: null, daysAgo: 0, outcome: "NEW" }), form(t));
          await linkToLead(tx, r.id, { leadId: lead.id }, admin, { now: plus(t, HOUR) });
        });
      } else if (i % 3 === 1)
        plan.at(plus(at, DAY), async (t) => void (await withdrawReferral(tx, r.id, partnerActor(p), { now: t })));
    });
  }
  // Referrals from before the 90-day expiry, left open, expired by the job (ago(5)).
  for (const [i, p] of [demo, demo, others[3], others[4], others[5]].entries()) {
    const s: Story = { partner: p, code: p.referralCode, daysAgo: 100 - i, outcome: i % 2 ? "QUALIFIED" : "NEW" };
    plan.at(ago(s.daysAgo), async (at) => void (s.referral = (await captureLead(tx, body(s), form(at))).referral));
    if (i % 2)
      plan.at(
        ago(s.daysAgo - 3),
        async (at) =>
          void (await changeLeadStatus(tx, (s.referral as Referral).leadId!, { status: "QUALIFIED" }, admin, {
            now: at,
          })),
      );
  }
  // Self-referrals, a repeat within 24 h (merged) and people already owned by another partner (DUPLICATE_LEAD).
  for (const [i, p] of [demo, others[6], others[7]].entries())
    plan.at(
      ago(33 - i),
      async (at) =>
        void (await captureLead(
          tx,
          body({ partner: p, daysAgo: 0, outcome: "NEW", email: p.email }, { referralCode: p.referralCode }),
          form(at),
        )),
    );
  const owned = stories
    .filter((s) => s.partner && s.partner.status === "ACTIVE" && s.daysAgo > 40 && s.outcome !== "LOST")
    .slice(0, 5);
  for (const [i, s] of owned.entries()) {
    const other = s.partner === demo ? others[8] : demo;
    plan.at(
      ago(s.daysAgo - 30),
      async (at) =>
        void (await captureLead(
          tx,
          body({ partner: other, daysAgo: 0, outcome: "NEW", email: s.email }, { referralCode: other.referralCode }),
          form(at),
        )),
    );
    if (i < 2)
      plan.at(
        ago(s.daysAgo - 0.5),
        async (at) =>
          void (await captureLead(
            tx,
            body(
              { partner: s.partner, daysAgo: 0, outcome: "NEW", email: s.email },
              { referralCode: s.code, message: "Sent the form twice" },
            ),
            form(at),
          )),
      );
  }
  plan.at(ago(32), async (at) => {
    const bonus = await createManualReward(
      tx,
      { partnerId: demo.id, type: "BONUS", amountCents: 10000, reason: "Top partner bonus, Q3" },
      admin,
      { now: at },
    );
    await approveReward(tx, bonus.id, {}, admin, { now: plus(at, DAY) });
  });
  plan.at(ago(22), async (at) => {
    const claw = await createManualReward(
      tx,
      { partnerId: others[9].id, type: "CLAWBACK", amountCents: -2500, reason: "Chargeback: policy cancelled" },
      admin,
      { now: at },
    );
    await approveReward(tx, claw.id, {}, admin, { now: plus(at, HOUR) });
  });
}
