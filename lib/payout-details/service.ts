import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payoutAccounts, type PayoutAccountKind, type PostalAddress } from "@/db/schema";
import type { PaymentMethod } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { dataKeys, maskTail, open, seal, sealedKeyId } from "@/lib/crypto/sealed";
import { getSettings } from "@/lib/settings";
import type { PayoutDetailsInput } from "./schemas";

type AccountRow = typeof payoutAccounts.$inferSelect;

/** The payment method recorded on payouts for each kind of details. */
export const METHOD_OF_KIND: Record<PayoutAccountKind, PaymentMethod> = {
  US_ACH: "BANK_TRANSFER",
  SEPA: "BANK_TRANSFER",
  PAYPAL: "PAYPAL",
  CHECK: "CHECK",
  LEGACY: "OTHER",
};

/** What any screen, export or API answer may show: the secret part masked, never opened. */
export interface PayoutDetailsView {
  kind: PayoutAccountKind;
  holderName: string | null;
  routingNumber: string | null;
  accountType: string | null;
  bic: string | null;
  country: string | null;
  paypalEmail: string | null;
  address: PostalAddress | null;
  /** `•••• 6789` for an account number or IBAN, null when the kind has none. */
  accountMasked: string | null;
  changedAt: Date;
  payoutsBlockedUntil: Date | null;
}

export function viewOf(a: AccountRow): PayoutDetailsView {
  return {
    kind: a.kind,
    holderName: a.holderName,
    routingNumber: a.routingNumber,
    accountType: a.accountType,
    bic: a.bic,
    country: a.country,
    paypalEmail: a.paypalEmail,
    address: a.address,
    accountMasked: a.accountSealed ? maskTail(a.accountLast4) : null,
    changedAt: a.changedAt,
    payoutsBlockedUntil: a.payoutsBlockedUntil,
  };
}

/** One line for lists and the payout CSV: `SEPA · DE •••• 3000 · Ann Lee`. */
export function summaryOf(v: PayoutDetailsView): string {
  const parts: string[] = [v.kind.replace("_", " ")];
  if (v.kind === "US_ACH") parts.push(`routing ${v.routingNumber}`, `account ${v.accountMasked}`, v.accountType ?? "");
  if (v.kind === "SEPA") parts.push(`IBAN ${v.country} ${v.accountMasked}`, v.bic ? `BIC ${v.bic}` : "");
  if (v.kind === "PAYPAL") parts.push(v.paypalEmail ?? "");
  if (v.kind === "CHECK" && v.address)
    parts.push([v.address.line1, v.address.city, v.address.postalCode, v.address.country].join(", "));
  if (v.kind === "LEGACY") parts.push(`account ${v.accountMasked}`);
  if (v.holderName) parts.push(v.holderName);
  return parts.filter(Boolean).join(" · ");
}

export async function getPayoutDetails(db: DbOrTx, partnerId: string): Promise<PayoutDetailsView | null> {
  const [a] = await db.select().from(payoutAccounts).where(eq(payoutAccounts.partnerId, partnerId));
  return a ? viewOf(a) : null;
}

export async function payoutDetailsOf(db: DbOrTx, partnerIds: string[]): Promise<Map<string, PayoutDetailsView>> {
  if (partnerIds.length === 0) return new Map();
  const rows = await db.select().from(payoutAccounts).where(inArray(payoutAccounts.partnerId, partnerIds));
  return new Map(rows.map((a) => [a.partnerId, viewOf(a)]));
}

/** The stored columns for an input: the secret part sealed, its last four kept for display. */
function columnsOf(input: PayoutDetailsInput) {
  const none = {
    holderName: null,
    routingNumber: null,
    accountType: null,
    bic: null,
    country: null,
    paypalEmail: null,
    address: null,
    accountSealed: null,
    accountLast4: null,
  };
  switch (input.kind) {
    case "US_ACH":
      return {
        ...none,
        holderName: input.holderName,
        routingNumber: input.routingNumber,
        accountType: input.accountType,
        accountSealed: seal(input.accountNumber),
        accountLast4: input.accountNumber.slice(-4),
      };
    case "SEPA":
      return {
        ...none,
        holderName: input.holderName,
        bic: input.bic ?? null,
        country: input.iban.slice(0, 2),
        accountSealed: seal(input.iban),
        accountLast4: input.iban.slice(-4),
      };
    case "PAYPAL":
      return { ...none, paypalEmail: input.paypalEmail };
    case "CHECK":
      return { ...none, holderName: input.holderName, address: input.address };
  }
}

/**
 * A partner sets its payout details (portal or admin). One transaction: the row, the partner's payout
 * method, and a `partner.payout_details_changed` audit event that names the kind and the masked tail only.
 * Changing details that were already on file blocks payouts for the cooling-off period (settings); the
 * first details entered do not, since no earlier destination can be hijacked.
 */
export async function savePayoutDetails(
  db: DbOrTx,
  partnerId: string,
  input: PayoutDetailsInput,
  actor: Actor,
  clock?: Clock,
): Promise<PayoutDetailsView> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const s = await getSettings(tx);
    const [before] = await tx
      .select()
      .from(payoutAccounts)
      .where(eq(payoutAccounts.partnerId, partnerId))
      .for("update");
    const cols = columnsOf(input);
    const blockedUntil =
      before && s.payoutDetailsCoolingOffHours > 0
        ? new Date(now.getTime() + s.payoutDetailsCoolingOffHours * 3_600_000)
        : null;
    const values = { ...cols, kind: input.kind, changedAt: now, payoutsBlockedUntil: blockedUntil, updatedAt: now };
    const [row] = await tx
      .insert(payoutAccounts)
      .values({ partnerId, ...values, createdAt: now })
      .onConflictDoUpdate({ target: payoutAccounts.partnerId, set: values })
      .returning();
    await tx
      .update(partners)
      .set({ payoutMethod: METHOD_OF_KIND[input.kind], updatedAt: now })
      .where(eq(partners.id, partnerId));
    const masked = (a: AccountRow | undefined) => (a ? summaryOf(viewOf(a)) : null);
    await recordEvent(tx, actor, {
      entityType: "partner",
      entityId: partnerId,
      action: "partner.payout_details_changed",
      before: masked(before),
      after: masked(row),
      data: { kind: input.kind, payoutsBlockedUntil: blockedUntil?.toISOString() ?? null },
      at: now,
    });
    return viewOf(row);
  });
}

/** Opened details for a bank file: the account number or IBAN in clear. Only the file generators call it. */
export interface OpenedAccount extends PayoutDetailsView {
  partnerId: string;
  account: string | null;
}
export async function openPayoutAccounts(db: DbOrTx, partnerIds: string[]): Promise<Map<string, OpenedAccount>> {
  if (partnerIds.length === 0) return new Map();
  const keys = dataKeys();
  const rows = await db.select().from(payoutAccounts).where(inArray(payoutAccounts.partnerId, partnerIds));
  return new Map(
    rows.map((a) => [
      a.partnerId,
      { ...viewOf(a), partnerId: a.partnerId, account: a.accountSealed ? open(a.accountSealed, keys) : null },
    ]),
  );
}

/**
 * Moves the free-text account of the old profile form (`partners.payout_details.account`) into a sealed
 * LEGACY row and removes it from the partner's JSON; the holder name and notes stay where they were.
 * Idempotent: partners who already have a row are left alone. Runs at boot after the migrations.
 */
export async function migrateLegacyPayoutDetails(db: DbOrTx, clock?: Clock): Promise<number> {
  const now = nowOf(clock);
  const legacy = await db
    .select({ id: partners.id, details: partners.payoutDetails })
    .from(partners)
    .leftJoin(payoutAccounts, eq(payoutAccounts.partnerId, partners.id))
    .where(and(isNull(payoutAccounts.partnerId), sql`${partners.payoutDetails} ? 'account'`));
  for (const p of legacy) {
    const account = p.details?.account?.trim();
    await db.transaction(async (tx) => {
      if (account)
        await tx
          .insert(payoutAccounts)
          .values({
            partnerId: p.id,
            kind: "LEGACY",
            holderName: p.details?.accountHolder ?? null,
            accountSealed: seal(account),
            accountLast4: account.replace(/\s+/g, "").slice(-4),
            changedAt: now,
          })
          .onConflictDoNothing();
      await tx
        .update(partners)
        .set({ payoutDetails: sql`${partners.payoutDetails} - 'account'` })
        .where(eq(partners.id, p.id));
    });
  }
  return legacy.length;
}

/** After a key rotation: re-seals every value not sealed under the first key. Returns how many changed. */
export async function resealPayoutAccounts(db: DbOrTx): Promise<number> {
  const keys = dataKeys();
  const rows = await db
    .select({ partnerId: payoutAccounts.partnerId, sealed: payoutAccounts.accountSealed })
    .from(payoutAccounts)
    .where(isNotNull(payoutAccounts.accountSealed));
  let n = 0;
  for (const r of rows) {
    if (!r.sealed || sealedKeyId(r.sealed) === keys[0].id) continue;
    await db
      .update(payoutAccounts)
      .set({ accountSealed: seal(open(r.sealed, keys), keys) })
      .where(and(eq(payoutAccounts.partnerId, r.partnerId), eq(payoutAccounts.accountSealed, r.sealed)));
    n++;
  }
  return n;
}
