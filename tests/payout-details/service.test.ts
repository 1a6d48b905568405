import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, partners, payoutAccounts, settings } from "@/db/schema";
import { sealedKeyId } from "@/lib/crypto/sealed";
import { reloadEnv } from "@/lib/env";
import { payoutDetailsInputSchema } from "@/lib/payout-details/schemas";
import {
  migrateLegacyPayoutDetails,
  openPayoutAccounts,
  resealPayoutAccounts,
  savePayoutDetails,
} from "@/lib/payout-details/service";
import { createPayoutBatch } from "@/lib/payouts/service";
import { payoutHistoryCsv } from "@/lib/payouts/csv";
import { insertReward } from "../helpers/api-fixtures";
import { createTestDb, type TestDb } from "../helpers/db";
import { admin, newPartner } from "../engine/helpers";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  delete process.env.PAYOUT_DATA_KEYS;
  reloadEnv();
  await t.drop();
});

const IBAN = "DE89370400440532013000";
const sepa = (iban = IBAN) => payoutDetailsInputSchema.parse({ kind: "SEPA", holderName: "Jo Weber", iban });
const actorOf = (partnerId: string) => ({
  type: "USER" as const,
  id: partnerId,
  label: "partner",
  role: "PARTNER" as const,
});

/** Every text the database holds for the row, as PostgreSQL prints it. */
async function rawRow(partnerId: string): Promise<string> {
  const rows = await t.db.execute(
    sql`select row_to_json(a)::text as j from payout_accounts a where partner_id = ${partnerId}`,
  );
  return (rows as unknown as { j: string }[])[0]?.j ?? (rows as unknown as { rows: { j: string }[] }).rows[0].j;
}

describe("payout details at rest", () => {
  it("stores the IBAN and account number sealed: the raw row holds neither, the bank-file reader opens them", async () => {
    const p = await newPartner(t.db);
    const view = await savePayoutDetails(t.db, p.id, sepa(), actorOf(p.id));
    expect(view).toMatchObject({ kind: "SEPA", country: "DE", accountMasked: "•••• 3000", payoutsBlockedUntil: null });
    const raw = await rawRow(p.id);
    expect(raw).not.toContain(IBAN);
    expect(raw).not.toContain("370400440532013000");
    expect(raw).toMatch(/"account_sealed":"v1\.dev\./);
    expect((await openPayoutAccounts(t.db, [p.id])).get(p.id)?.account).toBe(IBAN);

    const q = await newPartner(t.db);
    await savePayoutDetails(
      t.db,
      q.id,
      payoutDetailsInputSchema.parse({
        kind: "US_ACH",
        holderName: "Ann Lee",
        routingNumber: "021000021",
        accountNumber: "987654321012",
        accountType: "SAVINGS",
      }),
      actorOf(q.id),
    );
    expect(await rawRow(q.id)).not.toContain("987654321012");
    expect((await t.db.select().from(partners).where(eq(partners.id, q.id)))[0].payoutMethod).toBe("BANK_TRANSFER");
  });

  it("audits a change with masked values only, and a change (not the first entry) blocks payouts for the cooling-off period", async () => {
    await t.db.update(settings).set({ payoutDetailsCoolingOffHours: 48 });
    const p = await newPartner(t.db);
    await insertReward(t.db, p.id, { status: "APPROVED", amountCents: 90_000 });
    const now = new Date("2026-12-03T10:00:00Z");
    await savePayoutDetails(t.db, p.id, sepa(), actorOf(p.id), { now });
    const changed = await savePayoutDetails(t.db, p.id, sepa("FR1420041010050500013M02606"), actorOf(p.id), {
      now,
    });
    expect(changed.payoutsBlockedUntil?.toISOString()).toBe("2026-12-05T10:00:00.000Z");
    const audit = await t.db.select().from(events).where(eq(events.entityId, p.id));
    const changes = audit.filter((e) => e.action === "partner.payout_details_changed");
    expect(changes).toHaveLength(2);
    expect(JSON.stringify(changes)).not.toMatch(/DE89370400440532013000|20041010050500013M02606/);
    expect(changes[1].after).toContain("•••• 2606");

    const during = await createPayoutBatch(t.db, { partnerIds: [p.id] }, admin, {
      now: new Date("2026-12-05T09:59:00Z"),
    });
    expect(during.payouts).toHaveLength(0);
    const after = await createPayoutBatch(t.db, { partnerIds: [p.id] }, admin, {
      now: new Date("2026-12-05T10:00:01Z"),
    });
    expect(after.payouts).toHaveLength(1);
    // The payout CSV shows the details masked.
    const csv = await payoutHistoryCsv(t.db, { partnerId: p.id });
    expect(csv).toContain("IBAN FR •••• 2606");
    expect(csv).not.toContain("20041010050500013M02606");
    await t.db.update(settings).set({ payoutDetailsCoolingOffHours: 72 });
  });

  it("migrates the old free-text account into a sealed LEGACY row, once", async () => {
    const p = await newPartner(t.db);
    await t.db
      .update(partners)
      .set({ payoutDetails: { accountHolder: "Old Timer", account: "Acct 55512345 routing 021000021", notes: "hi" } })
      .where(eq(partners.id, p.id));
    expect(await migrateLegacyPayoutDetails(t.db)).toBeGreaterThanOrEqual(1);
    expect(await migrateLegacyPayoutDetails(t.db)).toBe(0);
    const [row] = await t.db.select().from(payoutAccounts).where(eq(payoutAccounts.partnerId, p.id));
    expect(row).toMatchObject({ kind: "LEGACY", holderName: "Old Timer", accountLast4: "0021" });
    expect(await rawRow(p.id)).not.toContain("55512345");
    const [after] = await t.db.select().from(partners).where(eq(partners.id, p.id));
    expect(after.payoutDetails).toEqual({ accountHolder: "Old Timer", notes: "hi" });
    expect((await openPayoutAccounts(t.db, [p.id])).get(p.id)?.account).toBe("Acct 55512345 routing 021000021");
  });

  it("rotation: after a new key is put first, old values still open, and resealing moves them all to the new key", async () => {
    const p = await newPartner(t.db);
    const k1 = randomBytes(32).toString("base64");
    const k2 = randomBytes(32).toString("base64");
    process.env.PAYOUT_DATA_KEYS = `k1:${k1}`;
    reloadEnv();
    await savePayoutDetails(t.db, p.id, sepa(), actorOf(p.id));
    process.env.PAYOUT_DATA_KEYS = `k2:${k2},k1:${k1},dev:${Buffer.from("rp-dev-only-payout-data-key-32b!").toString("base64")}`;
    reloadEnv();
    expect((await openPayoutAccounts(t.db, [p.id])).get(p.id)?.account).toBe(IBAN);
    expect(await resealPayoutAccounts(t.db)).toBeGreaterThanOrEqual(1);
    expect(await resealPayoutAccounts(t.db)).toBe(0);
    const all = await t.db.select().from(payoutAccounts);
    for (const a of all) if (a.accountSealed) expect(sealedKeyId(a.accountSealed)).toBe("k2");
    process.env.PAYOUT_DATA_KEYS = `k2:${k2}`;
    reloadEnv();
    expect((await openPayoutAccounts(t.db, [p.id])).get(p.id)?.account).toBe(IBAN);
  });
});
