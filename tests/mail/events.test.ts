import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, mailMessages, settings, users } from "@/db/schema";
import { createPasswordReset } from "@/lib/auth/tokens";
import { signUpPartner, signupSchema } from "@/lib/auth/signup";
import { captureLead } from "@/lib/leads/service";
import { awardBonuses } from "@/lib/commissions/bonuses";
import { recordTierChanges } from "@/lib/commissions/tier-changes";
import { composeNotifications } from "@/lib/mail/compose";
import { sendDailyDigest } from "@/lib/mail/digest";
import { setEmailCategories } from "@/lib/mail/preferences";
import { sendDueMail } from "@/lib/mail/send";
import { verifyUnsubscribeToken } from "@/lib/mail/unsubscribe-token";
import { changePartnerStatus, updatePartner } from "@/lib/partners/service";
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from "@/lib/payouts/service";
import { processConversion } from "@/lib/referrals/service";
import { approveReward, cancelReward, createManualReward } from "@/lib/rewards/service";
import { createTestDb, type TestDb } from "../helpers/db";
import { admin, leadBody, tenPercentPlan, visitor } from "../engine/helpers";
import { setEnv } from "../helpers/env";
import { startSmtp, type Received } from "../helpers/smtp";

const ORIGIN = "https://partners.example.com";

/** What one event's e-mail must carry. */
interface Expected {
  to: string;
  subject: string;
  text: string[];
  /** The button's path: absolute in both parts (null: no button). */
  link: string | null;
  /** The category a one-click unsubscribe changes; null for account mails (always sent, no header). */
  unsubscribe: { userId: string; category: string } | null;
}

function check(m: Received, e: Expected) {
  expect(m.to).toEqual([e.to]);
  expect(m.mail.subject).toEqual(e.subject);
  for (const s of e.text) expect(m.mail.text).toContain(s);
  if (e.link) {
    expect(m.mail.text).toContain(`${ORIGIN}${e.link}`);
    expect(m.mail.html).toContain(`href="${ORIGIN}${e.link}"`);
  }
  expect(m.mail.html).toContain(e.text[0].replace(/'/g, "&#39;").replace(/"/g, "&quot;"));
  const header = (name: string) =>
    m.mail.headerLines
      .filter((h) => h.key === name)
      .map((h) => h.line.replace(/\r?\n\s+/g, " ").replace(/^[^:]+:\s*/, ""));
  if (!e.unsubscribe) {
    expect(header("list-unsubscribe")).toEqual([]);
    expect(header("list-unsubscribe-post")).toEqual([]);
    return;
  }
  const [list] = header("list-unsubscribe");
  expect(header("list-unsubscribe")).toHaveLength(1);
  expect(header("list-unsubscribe-post")).toEqual(["List-Unsubscribe=One-Click"]);
  const url = list.match(/^<(https:\/\/partners\.example\.com\/api\/unsubscribe\/([^>]+))>$/);
  expect(url, list).not.toBeNull();
  expect(verifyUnsubscribeToken(url![2])).toEqual(e.unsubscribe);
  // The same signed link, for people, in both parts.
  expect(m.mail.text).toContain(`${ORIGIN}/unsubscribe/${url![2]}`);
}

describe("one e-mail per event, through a real SMTP server", () => {
  let t: TestDb;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let adminUser: { id: string; email: string };
  beforeAll(async () => {
    t = await createTestDb();
    smtp = await startSmtp();
    setEnv({ SMTP_URL: smtp.url, APP_URL: ORIGIN, MAIL_FROM: "Acme Partners <partners@example.com>" });
    await t.db.update(settings).set({ businessName: "Acme Partners", brandAccentColor: "#0f766e" });
    [adminUser] = await t.db
      .insert(users)
      .values({ email: "boss@test.example", name: "Boss", role: "ADMIN" })
      .returning({ id: users.id, email: users.email });
  });
  afterAll(async () => {
    setEnv({ SMTP_URL: undefined, APP_URL: undefined, MAIL_FROM: undefined });
    await smtp.close();
    await t.drop();
  });

  /** A partner signed up through the public form (INACTIVE until an admin approves it). */
  const signUp = (firstName: string, lastName: string, email: string) =>
    signUpPartner(
      t.db,
      signupSchema.parse({
        firstName,
        lastName,
        email,
        password: "long-enough-password",
        confirmPassword: "long-enough-password",
      }),
      visitor,
    );
  /** `signUp`, then the application approved. */
  async function approvedPartner(firstName: string, lastName: string, email: string) {
    const signedUp = await signUp(firstName, lastName, email);
    await changePartnerStatus(t.db, signedUp.partner.id, { status: "ACTIVE", reason: "Application approved" }, admin);
    return signedUp;
  }

  /** Runs both jobs and returns what the server received, by recipient. */
  async function deliver(): Promise<Received[]> {
    smtp.clear();
    await composeNotifications(t.db);
    await sendDueMail(t.db);
    return [...smtp.received].sort((a, b) => a.to[0].localeCompare(b.to[0]));
  }

  it("partner lifecycle: application, referral, rewards, payouts, reset", async () => {
    const { partner, user } = await signUp("Sam", "Seller", "sam@partners.test");
    const account = null;
    const got = await deliver();
    expect(got.map((m) => m.to[0])).toEqual(["boss@test.example", "sam@partners.test"]);
    expect(got[0].from).toBe("partners@example.com");
    check(got[0], {
      to: adminUser.email,
      subject: "New partner application: Sam Seller",
      text: ["Sam Seller signed up."],
      link: `/admin/partners/${partner.id}`,
      unsubscribe: { userId: adminUser.id, category: "applications" },
    });
    check(got[1], {
      to: user.email,
      subject: "We received your application",
      text: ["We review every application"],
      link: "/portal",
      unsubscribe: account,
    });
    expect(got[1].mail.html).toContain("#0f766e");
    expect(got[1].mail.html).toContain("Acme Partners");
    expect(got[1].mail.html).toContain('font-weight:600"');

    await changePartnerStatus(t.db, partner.id, { status: "ACTIVE", reason: "Application approved" }, admin);
    const [approved] = await deliver();
    check(approved, {
      to: user.email,
      subject: "Your application was approved",
      text: ["Your partner account is active."],
      link: "/portal/share",
      unsubscribe: account,
    });

    const other = await signUp("Sam", "Seller", "dee@partners.test");
    await deliver();
    await changePartnerStatus(
      t.db,
      other.partner.id,
      { status: "TERMINATED", reason: "Application declined: Outside our area" },
      admin,
    );
    const [declined] = await deliver();
    check(declined, {
      to: "dee@partners.test",
      subject: "Your application was declined",
      text: ["your application was not accepted", "Reason: Outside our area"],
      link: null,
      unsubscribe: account,
    });
    expect(declined.mail.text).not.toContain("Application declined:");
  });

  it("referrals, rewards and payouts: partner categories, masked leads, amounts, methods, reasons", async () => {
    const { partner, user } = await approvedPartner("Ria", "Broker", "ria@partners.test");
    await deliver();
    const to = user.email;
    const unsubscribe = (category: string) => ({ userId: user.id, category });

    const lead = leadBody({
      referralCode: partner.referralCode,
      firstName: "Lee",
      lastName: "Ray",
      phone: "5550001234",
    });
    const { referral } = await captureLead(t.db, lead, { actor: visitor, channel: "FORM" });
    const [created] = await deliver();
    check(created, {
      to,
      subject: "New referral from your link",
      text: ["Lee R. came through your link."],
      link: `/portal/referrals/${referral!.id}`,
      unsubscribe: unsubscribe("referrals"),
    });
    for (const secret of ["Ray", lead.email!, "5550001234"]) {
      expect(created.mail.text).not.toContain(secret);
      expect(created.mail.html).not.toContain(secret);
    }

    const { reward } = await processConversion(t.db, referral!.id, { conversionValue: "1000.00" }, admin);
    const [converted] = await deliver();
    check(converted, {
      to,
      subject: "Your referral converted",
      text: ["Lee R. became a customer."],
      link: `/portal/referrals/${referral!.id}`,
      unsubscribe: unsubscribe("referrals"),
    });

    await approveReward(t.db, reward.id, {}, admin);
    check((await deliver())[0], {
      to,
      subject: "Your reward was approved",
      text: ["A reward of $100.00 was approved"],
      link: "/portal/earnings",
      unsubscribe: unsubscribe("rewards"),
    });

    const claw = await createManualReward(
      t.db,
      { partnerId: partner.id, type: "CLAWBACK", amountCents: -1500, reason: "Chargeback" },
      admin,
    );
    check((await deliver())[0], {
      to,
      subject: "A reward was clawed back",
      text: ["$15.00 was clawed back."],
      link: "/portal/earnings",
      unsubscribe: unsubscribe("rewards"),
    });
    await approveReward(t.db, claw.id, {}, admin);
    await deliver();

    const bonus = await createManualReward(
      t.db,
      { partnerId: partner.id, type: "BONUS", amountCents: 2500, reason: "Good month" },
      admin,
    );
    await cancelReward(t.db, bonus.id, { reason: "Entered twice" }, admin);
    check((await deliver())[0], {
      to,
      subject: "A reward was cancelled",
      text: ["A reward of $25.00 was cancelled."],
      link: "/portal/earnings",
      unsubscribe: unsubscribe("rewards"),
    });

    const {
      payouts: [payout],
    } = await createPayoutBatch(t.db, { partnerIds: [partner.id], minimumCents: 0 }, admin);
    await markPayoutPaid(t.db, payout.id, { paymentMethod: "BANK_TRANSFER", transactionId: "TX-1" }, admin);
    check((await deliver())[0], {
      to,
      subject: "Payout sent: $85.00",
      text: ["We sent you $85.00.", "Amount: $85.00", "Method: Bank transfer"],
      link: "/portal/payouts",
      unsubscribe: unsubscribe("payouts"),
    });

    const more = await createManualReward(
      t.db,
      { partnerId: partner.id, type: "BONUS", amountCents: 9000, reason: "Quarter" },
      admin,
    );
    await approveReward(t.db, more.id, {}, admin);
    await deliver();
    const {
      payouts: [second],
    } = await createPayoutBatch(t.db, { partnerIds: [partner.id], minimumCents: 0 }, admin);
    await markPayoutFailed(t.db, second.id, { reason: "Account closed" }, admin);
    check((await deliver())[0], {
      to,
      subject: "A payout failed",
      text: ["We could not pay you $90.00.", "Reason: Account closed"],
      link: "/portal/profile",
      unsubscribe: unsubscribe("payouts"),
    });

    const reset = await createPasswordReset(t.db, to);
    const [resetMail] = await deliver();
    check(resetMail, {
      to,
      subject: "Reset your password",
      text: ["Someone asked to reset the password"],
      link: reset!.path,
      unsubscribe: null,
    });
    const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, to));
    expect(row.id).toBe(user.id);
  });

  it("a plan bonus earned and a tier reached: the partner's rewards category", async () => {
    const { partner, user } = await approvedPartner("Tia", "Closer", "tia@partners.test");
    const plan = await tenPercentPlan(
      t.db,
      {
        name: "Tier plan",
        tierBasis: { metric: "CONVERSIONS", window: 90 },
        tiers: [{ name: "Gold", threshold: 1, rateBps: 1250 }],
        bonuses: [{ name: "First sale", kind: "FIRST_CONVERSION", flatCents: 5_000 }],
      },
      { now: new Date(Date.now() - 86_400_000) },
    );
    await updatePartner(t.db, partner.id, { commissionPlanId: plan.id }, admin);
    const { referral } = await captureLead(t.db, leadBody({ referralCode: partner.referralCode }), {
      actor: visitor,
      channel: "FORM",
    });
    await processConversion(t.db, referral!.id, { conversionValue: "1000.00" }, admin);
    await deliver();
    const later = new Date(Date.now() + 1000);
    expect(await awardBonuses(t.db, later)).toMatchObject({ awarded: 1 });
    expect(await recordTierChanges(t.db, later)).toMatchObject({ changed: 1 });
    const got = await deliver();
    const bySubject = (s: string) => got.find((m) => m.mail.subject === s)!;
    expect(got).toHaveLength(2);
    const unsubscribe = { userId: user.id, category: "rewards" };
    check(bySubject("You earned a bonus: $50.00"), {
      to: user.email,
      subject: "You earned a bonus: $50.00",
      text: ['You reached your goal "First sale" and earned $50.00.'],
      link: "/portal/earnings",
      unsubscribe,
    });
    check(bySubject("You reached the Gold tier"), {
      to: user.email,
      subject: "You reached the Gold tier",
      text: ["You reached the Gold tier of your plan: you now earn 12.5 % on policies sold.", "Rate: 12.5 %"],
      link: "/portal/plan",
      unsubscribe,
    });
    // A move down (the conversion out of the 90-day window) is not news.
    expect(await recordTierChanges(t.db, new Date(Date.now() + 100 * 86_400_000))).toMatchObject({ changed: 1 });
    expect(await deliver()).toHaveLength(0);
  });

  it("admins' daily digest: once per UTC day, the figures, and the digest category's unsubscribe", async () => {
    await t.db.insert(jobs).values({ name: "broken-job", intervalSeconds: 60, lastOk: false });
    const now = new Date("2026-12-03T08:00:00Z");
    smtp.clear();
    expect(await sendDailyDigest(t.db, now)).toEqual({ digests: 1 });
    await sendDueMail(t.db, { now });
    expect(smtp.received).toHaveLength(1);
    check(smtp.received[0], {
      to: adminUser.email,
      subject: expect.stringMatching(/^Daily digest, 2026-12-03: \d+ rewards? waiting for approval$/) as never,
      text: ["Failing jobs: broken-job.", "Holds releasing tomorrow: 0", "Disabled webhook endpoints: 0"],
      link: "/admin/rewards",
      unsubscribe: { userId: adminUser.id, category: "digest" },
    });
    expect(smtp.received[0].mail.text).toMatch(/Rewards waiting for approval: \d+/);
    expect(await sendDailyDigest(t.db, new Date("2026-12-03T23:00:00Z"))).toEqual({ digests: 0 });
    await setEmailCategories(t.db, adminUser.id, ["applications"], admin);
    expect(await sendDailyDigest(t.db, new Date("2026-12-04T01:00:00Z"))).toEqual({ digests: 0 });
    await setEmailCategories(t.db, adminUser.id, ["applications", "digest"], admin);
    expect(await sendDailyDigest(t.db, new Date("2026-12-04T02:00:00Z"))).toEqual({ digests: 1 });
    expect(await t.db.select().from(mailMessages).where(eq(mailMessages.kind, "admin.digest"))).toHaveLength(2);
  });
});
