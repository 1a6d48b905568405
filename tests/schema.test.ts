import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeys, partnerCodes, partners, payouts, referrals, rewards, users } from "@/db/schema";
import { pgErrorCode } from "@/lib/errors";
import { DRIVERS, dbSuite } from "./helpers/db";

const day = 86_400_000;

describe.each(DRIVERS)("schema constraints on %s", (_driver, create) => {
  const t = dbSuite(create);
  let partnerA: string;
  let partnerB: string;
  beforeAll(async () => {
    const rows = await t.db
      .insert(partners)
      .values([
        { firstName: "Ann", lastName: "Lee", email: "ann@example.com" },
        { firstName: "Bob", lastName: "Ray", email: "bob@example.com" },
      ])
      .returning();
    [partnerA, partnerB] = rows.map((r) => r.id);
  });

  const refuses = async (p: Promise<unknown>, code: string) => {
    let caught: unknown;
    await p.catch((e: unknown) => (caught = e));
    expect(caught, "the database accepted a row it must refuse").toBeDefined();
    expect(pgErrorCode(caught)).toBe(code);
  };

  it("refuses a partner credential without its partner and an admin one with a partner, keys as users", async () => {
    const key = (role: "ADMIN" | "PARTNER", partnerId: string | null, n: string) =>
      t.db.insert(apiKeys).values({ name: n, prefix: `rp_${n}`, secretHash: "x", role, partnerId });
    await key("PARTNER", partnerA, "ok1");
    await key("ADMIN", null, "ok2");
    await refuses(key("PARTNER", null, "bad1"), "23514");
    await refuses(key("ADMIN", partnerA, "bad2"), "23514");
    const user = (role: "ADMIN" | "PARTNER", partnerId: string | null, n: string) =>
      t.db.insert(users).values({ email: `${n}@example.com`, name: n, role, partnerId });
    await refuses(user("PARTNER", null, "bad3"), "23514");
    await refuses(user("ADMIN", partnerB, "bad4"), "23514");
  });

  it("refuses a referral code used by another partner", async () => {
    await t.db.insert(partnerCodes).values({ partnerId: partnerA, code: "ANNLEE1234" });
    await refuses(
      t.db.insert(partnerCodes).values({ partnerId: partnerB, code: "ANNLEE1234", isCurrent: false }),
      "23505",
    );
  });

  it("refuses lower-case codes and a second current code", async () => {
    await refuses(t.db.insert(partnerCodes).values({ partnerId: partnerB, code: "bobray0001" }), "23514");
    await refuses(t.db.insert(partnerCodes).values({ partnerId: partnerA, code: "ANNLEE9999" }), "23505");
  });

  it("refuses a second conversion reward for one referral", async () => {
    const [r] = await t.db
      .insert(referrals)
      .values({ partnerId: partnerA, referralCode: "ANNLEE1234", expiresAt: new Date(Date.now() + 90 * day) })
      .returning();
    await t.db
      .insert(rewards)
      .values({ partnerId: partnerA, referralId: r.id, amountCents: 10000, status: "CALCULATED" });
    await refuses(
      t.db.insert(rewards).values({ partnerId: partnerA, referralId: r.id, amountCents: 10000, status: "CALCULATED" }),
      "23505",
    );
    // A bonus on the same referral is a different reward type and is allowed.
    await t.db
      .insert(rewards)
      .values({ partnerId: partnerA, referralId: r.id, type: "BONUS", amountCents: 500, status: "CALCULATED" });
  });

  it("allows rejected duplicates but only one live referral per lead", async () => {
    const [lead] = await t.db
      .execute<{ id: string }>(
        sql`insert into leads (first_name, last_name, email, insurance_type) values ('Cy', 'Doe', 'cy@example.com', 'AUTO') returning id`,
      )
      .then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: { id: string }[] }).rows));
    const base = { referralCode: "X", leadId: lead.id, expiresAt: new Date(Date.now() + 90 * day) };
    await t.db.insert(referrals).values({ ...base, partnerId: partnerA });
    await t.db
      .insert(referrals)
      .values({ ...base, partnerId: partnerB, status: "REJECTED", rejectionReason: "DUPLICATE_LEAD" });
    await t.db
      .insert(referrals)
      .values({ ...base, partnerId: partnerB, status: "REJECTED", rejectionReason: "DUPLICATE_LEAD" });
    await refuses(t.db.insert(referrals).values({ ...base, partnerId: partnerB }), "23505");
  });

  it("refuses a transaction id reused for the same payment method", async () => {
    const row = {
      partnerId: partnerA,
      amountCents: 100,
      paymentMethod: "BANK_TRANSFER" as const,
      transactionId: "TXN-1",
      status: "PAID" as const,
    };
    await t.db.insert(payouts).values(row);
    await refuses(t.db.insert(payouts).values(row), "23505");
    await t.db.insert(payouts).values({ ...row, paymentMethod: "PAYPAL" });
  });

  it("refuses negative rewards except clawbacks, and rates outside 0–10,000 bp", async () => {
    await refuses(
      t.db.insert(rewards).values({ partnerId: partnerA, type: "BONUS", amountCents: -1, status: "CALCULATED" }),
      "23514",
    );
    await t.db
      .insert(rewards)
      .values({ partnerId: partnerA, type: "CLAWBACK", amountCents: -500, status: "CALCULATED" });
    await refuses(
      t.db.insert(partners).values({ firstName: "X", lastName: "Y", email: "x@example.com", commissionRateBps: 10001 }),
      "23514",
    );
  });
});
