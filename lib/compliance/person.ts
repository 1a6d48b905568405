import { inArray, or, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rowsOf } from "@/db";
import { leadConsents, leads, referralClicks, referrals } from "@/db/schema";
import { hashIp } from "@/lib/attribution/ip-hash";
import { maskEmail, maskPhone } from "@/lib/leads/mask";
import { identityHash, mailboxOf, normalizePhoneDigits } from "@/lib/risk/normalize";
import type { Lead } from "@/lib/leads/service";
import type { PrivacySubject } from "./schemas";

/** Everything stored about one person as a prospect: the leads with their e-mail or phone, and what hangs off them. */
export interface PersonRecords {
  leads: Lead[];
  consents: (typeof leadConsents.$inferSelect)[];
  referrals: (typeof referrals.$inferSelect)[];
  clicks: (typeof referralClicks.$inferSelect)[];
}

/**
 * What identifies the person inside free text and JSON payloads. `strings` and `phones` name the person on their
 * own; `ids` mark a row as being about the person (then its name fields are erased too).
 */
export interface PersonTokens {
  /** Lower-case e-mails, IPs, IP hashes, fraud-identity hashes, user agents, external ids, page URLs. */
  strings: string[];
  /** Digits only, at least 7. */
  phones: string[];
  /** Lower-case first and last names of at least 2 letters. */
  names: string[];
  /** Lead, referral, consent and click ids. */
  ids: string[];
}

/** The person's leads: same e-mail or same phone digits (as merging matches a person); `lock` for an erasure. */
export async function personRecords(db: DbOrTx, subject: PrivacySubject, lock = false): Promise<PersonRecords> {
  const same: SQL[] = [];
  if (subject.email) same.push(eq(leads.email, subject.email));
  if (subject.phone) same.push(eq(leads.phone, subject.phone));
  const q = db
    .select()
    .from(leads)
    .where(or(...same))
    .orderBy(leads.createdAt);
  return recordsOfLeads(db, lock ? await q.for("update") : await q);
}

/** The consents, referrals and clicks of the given leads. */
export async function recordsOfLeads(db: DbOrTx, found: Lead[]): Promise<PersonRecords> {
  const ids = found.map((l) => l.id);
  if (!ids.length) return { leads: [], consents: [], referrals: [], clicks: [] };
  const [consents, refs] = await Promise.all([
    db.select().from(leadConsents).where(inArray(leadConsents.leadId, ids)).orderBy(leadConsents.consentedAt),
    db.select().from(referrals).where(inArray(referrals.leadId, ids)).orderBy(referrals.createdAt),
  ]);
  const clickIds = refs.map((r) => r.clickId).filter((c): c is string => !!c);
  const ipHashes = [...new Set(consents.map((c) => hashIp(c.ip)).filter((h): h is string => !!h))];
  const clickWhere = or(
    clickIds.length ? inArray(referralClicks.id, clickIds) : undefined,
    ipHashes.length ? inArray(referralClicks.ipHash, ipHashes) : undefined,
  );
  const clicks = clickWhere ? await db.select().from(referralClicks).where(clickWhere) : [];
  return { leads: found, consents, referrals: refs, clicks };
}

export function tokensOf(r: PersonRecords, subject: PrivacySubject = {}): PersonTokens {
  const strings = new Set<string>();
  const phones = new Set<string>();
  const names = new Set<string>();
  const add = (set: Set<string>, v: string | null | undefined, min = 3) => {
    const t = v?.trim().toLowerCase();
    if (t && t.length >= min) set.add(t);
  };
  add(strings, subject.email);
  if (subject.phone) phones.add(subject.phone);
  const identities = (email: string | null | undefined, phone: string | null | undefined) => {
    const mailbox = mailboxOf(email);
    const digits = normalizePhoneDigits(phone);
    if (mailbox) strings.add(identityHash("EMAIL", mailbox));
    if (digits) strings.add(identityHash("PHONE", digits));
  };
  identities(subject.email, subject.phone);
  for (const l of r.leads) {
    identities(l.email, l.phone);
    add(strings, l.email);
    add(strings, l.externalId);
    if (l.phone && l.phone.length >= 7) phones.add(l.phone);
    for (const n of `${l.firstName} ${l.lastName}`.split(/\s+/)) add(names, n, 2);
  }
  for (const c of r.consents) {
    add(strings, c.ip);
    add(strings, hashIp(c.ip));
    add(strings, c.userAgent, 8);
    add(strings, c.pageUrl, 12);
  }
  for (const c of r.clicks) {
    add(strings, c.ipHash);
    add(strings, c.userAgent, 8);
  }
  return {
    strings: [...strings],
    phones: [...phones],
    names: [...names],
    ids: [...r.leads, ...r.consents, ...r.referrals, ...r.clicks].map((x) => x.id),
  };
}

/** The ILIKE patterns that find rows mentioning the person (names alone never do: they are not unique). */
export const tokenPatterns = (t: PersonTokens) =>
  [...t.strings, ...t.phones, ...t.ids].map((s) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/** The masked references an audit event keeps of a request: never the e-mail or phone itself. */
export const maskedSubject = (s: PrivacySubject) => ({ email: maskEmail(s.email), phone: maskPhone(s.phone) });

/** Rows of `table` whose given columns mention the person, with their `ctid` for an update in the same transaction. */
export async function mentioning(
  db: DbOrTx,
  table: string,
  columns: string[],
  patterns: string[],
): Promise<Record<string, unknown>[]> {
  if (!patterns.length) return [];
  const list = sql.join(
    patterns.map((p) => sql`${p}`),
    sql`, `,
  );
  const cond = sql.join(
    columns.map((c) => sql`${sql.identifier(c)}::text ilike any (array[${list}])`),
    sql` or `,
  );
  const cols = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  return rowsOf(await db.execute(sql`select ctid::text as _ctid, ${cols} from ${sql.identifier(table)} where ${cond}`));
}
