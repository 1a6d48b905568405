// A CommonJS module whose exports Node cannot name statically (scripts run under tsx): the default import works everywhere.
import mailchecker from "mailchecker";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { identityHash, mailboxOf, normalizePhoneDigits } from "./normalize";
import type { RiskRules } from "./rules";
import { storeSignals, type FiredSignal } from "./signals";

export interface CaptureRiskInput {
  referralId: string;
  partnerId: string;
  clickId: string | null;
  email: string | null;
  phone: string | null;
  /** Salted hash of the visitor's IP (the consent's), when known. */
  ipHash: string | null;
  /** The visitor's device cookie id (lib/attribution/device.ts), when it came through the quote form. */
  deviceId?: string | null;
  /** When the visitor sent the lead, for the too-fast check (default: now; a lead linked later was sent earlier). */
  submittedAt?: Date;
  /** SELF_REFERRAL or DUPLICATE_LEAD when the engine refused the referral (shown in the queue too). */
  rejectionReason: string | null;
}

const DISPOSABLE = mailchecker.blacklist();

/** The domain or one of its parents is on the maintained disposable-address list (mailchecker). */
export function disposableDomain(email: string | null): string | null {
  const domain = email?.split("@")[1]?.toLowerCase();
  if (!domain) return null;
  for (let d = domain; d; d = d.includes(".") ? d.slice(d.indexOf(".") + 1) : "") if (DISPOSABLE.has(d)) return domain;
  return null;
}

const IDENTITY_KINDS = new Set(["IP", "EMAIL", "PHONE", "DEVICE"]);

type Match = { kind: string; partner_id: string | null; referral_id: string | null; at: string | null };

/**
 * The capture-time signals of a new referral: one statement records its identities and reads, by index
 * only, what else was seen with them (and its click's time, and the partner's open signals); the signals
 * that fire are then stored. Honest traffic costs that one statement.
 */
export async function signalsAtCapture(tx: DbOrTx, input: CaptureRiskInput, rules: RiskRules, now: Date) {
  const ids: { kind: string; value: string; since: Date }[] = [];
  const velocitySince = new Date(now.getTime() - rules.velocityWindowMinutes * 60_000);
  const identitySince = new Date(now.getTime() - rules.sharedIdentityDays * 86_400_000);
  if (input.ipHash) ids.push({ kind: "IP", value: input.ipHash, since: velocitySince });
  const email = mailboxOf(input.email);
  if (email) ids.push({ kind: "EMAIL", value: identityHash("EMAIL", email), since: identitySince });
  const phone = normalizePhoneDigits(input.phone);
  if (phone) ids.push({ kind: "PHONE", value: identityHash("PHONE", phone), since: identitySince });
  if (input.deviceId) ids.push({ kind: "DEVICE", value: identityHash("DEVICE", input.deviceId), since: identitySince });

  const parts: SQL[] = [
    sql`select 'PARTNER' as kind, null::uuid as partner_id, null::uuid as referral_id, coalesce(sum(weight), 0)::text as at
        from risk_signals where partner_id = ${input.partnerId} and referral_id is null and status = 'OPEN'`,
  ];
  if (input.clickId)
    parts.push(
      sql`select 'CLICK', null::uuid, null::uuid, created_at::text from referral_clicks where id = ${input.clickId}`,
    );
  if (ids.length) {
    const match = sql.join(
      ids.map(
        (i) => sql`(kind = ${i.kind} and value = ${i.value} and created_at >= ${i.since.toISOString()}::timestamptz)`,
      ),
      sql` or `,
    );
    parts.push(
      sql`(select kind, partner_id, referral_id, created_at::text from risk_identities where ${match} limit 500)`,
    );
  }
  const insert = ids.length
    ? sql`with ins as (insert into risk_identities (referral_id, partner_id, kind, value, created_at) values ${sql.join(
        ids.map(
          (i) =>
            sql`(${input.referralId}, ${input.partnerId}, ${i.kind}, ${i.value}, ${now.toISOString()}::timestamptz)`,
        ),
        sql`, `,
      )} returning 1) `
    : sql``;
  const rows = rowsOf<Match>(await tx.execute(sql`${insert}${sql.join(parts, sql` union all `)}`));

  const fired: FiredSignal[] = [];
  const partnerScore = Number(rows.find((r) => r.kind === "PARTNER")?.at ?? 0);
  const seen = rows.filter((r) => IDENTITY_KINDS.has(r.kind));
  const sameIp = seen.filter((r) => r.kind === "IP");
  if (sameIp.length + 1 > rules.velocityMaxLeadsPerIp) {
    const partners = new Set([input.partnerId, ...sameIp.map((r) => r.partner_id!)]);
    fired.push({
      kind: "VELOCITY",
      evidence: {
        leadsFromIp: sameIp.length + 1,
        windowMinutes: rules.velocityWindowMinutes,
        partners: partners.size,
        otherReferralIds: sameIp.slice(0, 20).map((r) => r.referral_id),
      },
    });
  }
  const others = seen.filter((r) => r.partner_id !== input.partnerId);
  if (others.length) {
    fired.push({
      kind: "SHARED_IDENTITY",
      evidence: {
        identifiers: [...new Set(others.map((r) => r.kind))].sort(),
        otherPartnerIds: [...new Set(others.map((r) => r.partner_id))].slice(0, 20),
        otherReferralIds: [...new Set(others.map((r) => r.referral_id))].slice(0, 20),
      },
    });
  }
  const clickAt = rows.find((r) => r.kind === "CLICK")?.at;
  if (clickAt) {
    const submittedAt = input.submittedAt ?? now;
    const seconds = (submittedAt.getTime() - new Date(clickAt).getTime()) / 1000;
    if (seconds >= 0 && seconds < rules.tooFastFormSeconds)
      fired.push({
        kind: "TOO_FAST_FORM",
        evidence: { clickAt: new Date(clickAt).toISOString(), submittedAt: submittedAt.toISOString(), seconds },
      });
  }
  const disposable = disposableDomain(input.email);
  if (disposable) fired.push({ kind: "DISPOSABLE_EMAIL", evidence: { domain: disposable } });
  if (input.rejectionReason === "SELF_REFERRAL" || input.rejectionReason === "DUPLICATE_LEAD")
    fired.push({ kind: input.rejectionReason, evidence: { rejectionReason: input.rejectionReason } });
  return storeSignals(tx, input, fired, partnerScore, rules, now, input.rejectionReason === null);
}
