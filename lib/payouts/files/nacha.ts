/**
 * A NACHA ACH file of credits (docs/bank-files.md#nacha): 94-character records, blocked by 10, one batch
 * per standard entry class (PPD for people, CCD for companies), each entry a credit to a checking (22) or
 * savings (32) account. Pure: the caller gives the entries, their trace numbers and the clock.
 */

export interface AchOriginator {
  /** The bank that receives the file (ODFI): 9-digit routing number. */
  bankRouting: string;
  bankName: string;
  /** The company's 10-character ACH id (often "1" + EIN). */
  companyId: string;
  companyName: string;
}

export interface AchEntry {
  secCode: "PPD" | "CCD";
  routingNumber: string;
  accountNumber: string;
  accountType: "CHECKING" | "SAVINGS";
  amountCents: number;
  /** Up to 15 characters that come back in returns (the payout id's first 15 hex digits). */
  individualId: string;
  name: string;
  /** 15 digits: the ODFI's 8-digit id + a 7-digit sequence. */
  traceNumber: string;
}

const RECORD = 94;
/** NACHA allows upper-case letters, digits and a few signs; names are folded to ASCII. */
export function achText(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9 .,&/-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
const alpha = (v: string, n: number) => achText(v).slice(0, n).padEnd(n, " ");
const num = (v: number | string, n: number) => {
  const s = String(v);
  if (!/^\d+$/.test(s) || s.length > n) throw new Error(`NACHA field overflow: ${s} in ${n} digits`);
  return s.padStart(n, "0");
};
const yymmdd = (d: Date) => d.toISOString().slice(2, 10).replace(/-/g, "");

/** Σ of the 8-digit receiving bank ids, last 10 digits (the batch and file entry hash). */
export const entryHash = (entries: { routingNumber: string }[]) =>
  entries.reduce((a, e) => a + BigInt(e.routingNumber.slice(0, 8)), 0n) % 10_000_000_000n;

export function buildNacha(o: AchOriginator, entries: AchEntry[], at: Date, effective: Date): string {
  const odfi = o.bankRouting.slice(0, 8);
  const lines: string[] = [
    "1" +
      "01" +
      " " +
      num(o.bankRouting, 9) +
      alpha(o.companyId, 10).replace(/ /g, "0") +
      yymmdd(at) +
      at.toISOString().slice(11, 16).replace(":", "") +
      "A" +
      "094" +
      "10" +
      "1" +
      alpha(o.bankName, 23) +
      alpha(o.companyName, 23) +
      " ".repeat(8),
  ];
  const batches = (["PPD", "CCD"] as const)
    .map((sec) => entries.filter((e) => e.secCode === sec).sort((a, b) => a.traceNumber.localeCompare(b.traceNumber)))
    .filter((b) => b.length > 0);
  batches.forEach((batch, i) => {
    const n = i + 1;
    const total = batch.reduce((a, e) => a + e.amountCents, 0);
    lines.push(
      "5" +
        "220" +
        alpha(o.companyName, 16) +
        " ".repeat(20) +
        alpha(o.companyId, 10) +
        batch[0].secCode +
        alpha("PAYOUT", 10) +
        yymmdd(at) +
        yymmdd(effective) +
        "   " +
        "1" +
        odfi +
        num(n, 7),
    );
    for (const e of batch)
      lines.push(
        "6" +
          (e.accountType === "SAVINGS" ? "32" : "22") +
          e.routingNumber.slice(0, 8) +
          e.routingNumber[8] +
          e.accountNumber.padEnd(17, " ") +
          num(e.amountCents, 10) +
          alpha(e.individualId, 15) +
          alpha(e.name, 22) +
          "  " +
          "0" +
          num(e.traceNumber, 15),
      );
    lines.push(
      "8" +
        "220" +
        num(batch.length, 6) +
        num(entryHash(batch).toString(), 10) +
        num(0, 12) +
        num(total, 12) +
        alpha(o.companyId, 10) +
        " ".repeat(19) +
        " ".repeat(6) +
        odfi +
        num(n, 7),
    );
  });
  const records = lines.length + 1;
  const blocks = Math.ceil(records / 10);
  lines.push(
    "9" +
      num(batches.length, 6) +
      num(blocks, 6) +
      num(entries.length, 8) +
      num(entryHash(entries).toString(), 10) +
      num(0, 12) +
      num(
        entries.reduce((a, e) => a + e.amountCents, 0),
        12,
      ) +
      " ".repeat(39),
  );
  while (lines.length % 10) lines.push("9".repeat(RECORD));
  for (const l of lines) if (l.length !== RECORD) throw new Error(`NACHA record of ${l.length} characters: ${l}`);
  return lines.join("\r\n") + "\r\n";
}
