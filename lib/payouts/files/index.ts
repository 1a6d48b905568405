import { createHash } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payoutTraces, payouts } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { openPayoutAccounts, payoutDetailsOf, type OpenedAccount } from "@/lib/payout-details/service";
import { payoutsCsv } from "@/lib/payouts/csv";
import { payoutsForExport } from "@/lib/payouts/queries";
import { assertBatchApproved } from "@/lib/payouts/schedule";
import { CSV_CONTENT_TYPE } from "@/lib/csv";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import { BANK_FILE_LABEL, type BankFileFormat } from "../schemas";
import { buildNacha, type AchEntry } from "./nacha";
import { bankOriginatorSchema } from "./originator";
import { buildPaypalCsv } from "./paypal";
import { buildPain001 } from "./sepa";

const NEEDS: Record<BankFileFormat, string> = {
  nacha: "a USD payout to a partner with US bank account (ACH) details",
  sepa: "a EUR payout to a partner with SEPA (IBAN) details",
  paypal: "a payout to a partner paid by PayPal",
  csv: "a payout that no bank file covers (check, earlier free-text details, no details, or another currency)",
};

/** Which file pays a payout: its currency and the partner's details decide; whatever no rail takes goes in the CSV. */
export function railOf(currency: string, account: { kind: string } | undefined): BankFileFormat {
  if (account?.kind === "US_ACH" && currency === "USD") return "nacha";
  if (account?.kind === "SEPA" && currency === "EUR") return "sepa";
  if (account?.kind === "PAYPAL") return "paypal";
  return "csv";
}

/** The next weekday after `d` (UTC), as the requested execution / effective entry date. */
export function nextBankDay(d: Date): Date {
  const n = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
  while (n.getUTCDay() === 0 || n.getUTCDay() === 6) n.setUTCDate(n.getUTCDate() + 1);
  return n;
}

export interface BankFile {
  format: BankFileFormat;
  filename: string;
  contentType: string;
  body: string;
  payoutIds: string[];
  totalCents: number;
  currency: string | null;
  sha256: string;
}

type Member = Awaited<ReturnType<typeof batchMembers>>[number];
const batchMembers = (db: DbOrTx, batchId: string) =>
  db
    .select({
      id: payouts.id,
      partnerId: payouts.partnerId,
      amountCents: payouts.amountCents,
      currency: payouts.currency,
      status: payouts.status,
      name: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
      companyName: partners.companyName,
      email: partners.email,
    })
    .from(payouts)
    .innerJoin(partners, eq(partners.id, payouts.partnerId))
    .where(eq(payouts.batchId, batchId))
    .orderBy(asc(payouts.id));

/** Stable ACH trace numbers: the ODFI's 8 digits + a 7-digit sequence, given once per payout and kept. */
async function traceNumbers(tx: DbOrTx, payoutIds: string[], odfi: string): Promise<Map<string, string>> {
  await tx.execute(sql`
    insert into payout_traces (payout_id, trace_number)
    select id, ${odfi} || lpad((nextval('payout_trace_seq') % 10000000)::text, 7, '0')
    from payouts where ${inArray(payouts.id, payoutIds)} order by id
    on conflict (payout_id) do nothing`);
  const rows = await tx.select().from(payoutTraces).where(inArray(payoutTraces.payoutId, payoutIds));
  return new Map(rows.map((r) => [r.payoutId, r.traceNumber]));
}

/** How many PENDING payouts of the batch each file would carry (masked details only; nothing opened). */
export async function batchRailCounts(db: DbOrTx, batchId: string): Promise<Partial<Record<BankFileFormat, number>>> {
  if (!isUuid(batchId)) return {};
  const pending = (await batchMembers(db, batchId)).filter((m) => m.status === "PENDING");
  const details = await payoutDetailsOf(db, [...new Set(pending.map((m) => m.partnerId))]);
  const counts: Partial<Record<BankFileFormat, number>> = {};
  for (const m of pending) {
    const r = railOf(m.currency, details.get(m.partnerId));
    counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

const sum = (ms: Member[]) => ms.reduce((a, m) => a + m.amountCents, 0);
const noRail = (format: BankFileFormat, counts: Map<BankFileFormat, number>, notPending: number) => {
  const has = [...counts].map(([f, n]) => `${n} for ${BANK_FILE_LABEL[f]}`);
  if (notPending) has.push(`${notPending} already paid or failed`);
  return new AppError(
    "conflict",
    `No pending payout of this batch goes in a ${BANK_FILE_LABEL[format]} file: that needs ${NEEDS[format]}. This batch has ${has.join(", ")}.`,
    { extra: { format } },
  );
};
const missingOriginator = (what: string) =>
  new AppError(
    "conflict",
    `The program's ${what} is not set (settings: bank originator), so this file cannot be made.`,
  );

/**
 * The bank or payment file of one rail for a batch's PENDING payouts (docs/bank-files.md). Opens the
 * sealed account numbers and IBANs (the only place they appear in clear), and records a
 * `payout_batch.file_generated` audit event with the format, count, total and the file's SHA-256.
 * 409 with the reason when no pending payout of the batch goes by that rail, or when the batch is a
 * scheduled draft no admin approved yet (docs/payouts.md#scheduled-batches).
 */
export async function batchFile(
  db: DbOrTx,
  batchId: string,
  format: BankFileFormat,
  actor: Actor,
  clock?: Clock,
): Promise<BankFile> {
  if (!isUuid(batchId)) throw notFound("Payout batch");
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    await assertBatchApproved(tx, batchId);
    const members = await batchMembers(tx, batchId);
    if (members.length === 0) throw notFound("Payout batch");
    const pending = members.filter((m) => m.status === "PENDING");
    const accounts = await openPayoutAccounts(tx, [...new Set(pending.map((m) => m.partnerId))]);
    const counts = new Map<BankFileFormat, number>();
    for (const m of pending) {
      const r = railOf(m.currency, accounts.get(m.partnerId));
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const chosen = pending.filter((m) => railOf(m.currency, accounts.get(m.partnerId)) === format);
    if (chosen.length === 0) throw noRail(format, counts, members.length - pending.length);
    const account = (m: Member) => accounts.get(m.partnerId) as OpenedAccount;
    const originator = bankOriginatorSchema.parse((await getSettings(tx)).bankOriginator ?? {});
    const stamp = now.toISOString().slice(0, 10);
    let out: Pick<BankFile, "filename" | "contentType" | "body">;
    if (format === "nacha") {
      const ach = originator.ach;
      if (!ach) throw missingOriginator("ACH originator (bank routing number, company id and name)");
      const traces = await traceNumbers(
        tx,
        chosen.map((m) => m.id),
        ach.bankRouting.slice(0, 8),
      );
      const entries: AchEntry[] = chosen.map((m) => {
        const a = account(m);
        return {
          secCode: m.companyName ? "CCD" : "PPD",
          routingNumber: a.routingNumber!,
          accountNumber: a.account!,
          accountType: a.accountType === "SAVINGS" ? "SAVINGS" : "CHECKING",
          amountCents: m.amountCents,
          individualId: m.id.replace(/-/g, "").slice(0, 15),
          name: m.companyName ?? a.holderName ?? m.name,
          traceNumber: traces.get(m.id)!,
        };
      });
      out = {
        filename: `ach-${batchId}.txt`,
        contentType: "text/plain; charset=us-ascii",
        body: buildNacha(ach, entries, now, nextBankDay(now)),
      };
    } else if (format === "sepa") {
      const sepa = originator.sepa;
      if (!sepa) throw missingOriginator("SEPA debtor account (name, IBAN)");
      const body = buildPain001(
        `B${batchId.replace(/-/g, "")}`,
        { name: sepa.name, iban: sepa.iban, bic: sepa.bic ?? null },
        chosen.map((m) => ({
          endToEndId: m.id.replace(/-/g, ""),
          amountCents: m.amountCents,
          name: account(m).holderName ?? m.name,
          iban: account(m).account!,
          bic: account(m).bic,
          remittance: `Referral payout ${m.id}`,
        })),
        now,
        nextBankDay(now).toISOString().slice(0, 10),
      );
      out = { filename: `sepa-${batchId}.xml`, contentType: "application/xml; charset=utf-8", body };
    } else if (format === "paypal") {
      const body = buildPaypalCsv(
        chosen.map((m) => ({
          email: account(m).paypalEmail!,
          amountCents: m.amountCents,
          currency: m.currency,
          reference: m.id,
          note: `Referral payout ${stamp}`,
        })),
      );
      out = { filename: `paypal-${batchId}.csv`, contentType: CSV_CONTENT_TYPE, body };
    } else {
      const ids = new Set(chosen.map((m) => m.id));
      const rows = (await payoutsForExport(tx, {}, { batchId })).filter((r) => ids.has(r.id));
      out = {
        filename: `payout-batch-${batchId}.csv`,
        contentType: CSV_CONTENT_TYPE,
        body: await payoutsCsv(tx, rows),
      };
    }
    const currencies = [...new Set(chosen.map((m) => m.currency))];
    const file: BankFile = {
      ...out,
      format,
      payoutIds: chosen.map((m) => m.id),
      totalCents: sum(chosen),
      currency: currencies.length === 1 ? currencies[0] : null,
      sha256: createHash("sha256").update(out.body).digest("hex"),
    };
    await recordEvent(tx, actor, {
      entityType: "payout_batch",
      entityId: batchId,
      action: "payout_batch.file_generated",
      data: {
        format,
        payoutCount: file.payoutIds.length,
        totalCents: file.totalCents,
        currency: file.currency,
        sha256: file.sha256,
      },
      at: now,
    });
    return file;
  });
}
