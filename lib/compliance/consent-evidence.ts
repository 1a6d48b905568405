import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { events, leadConsents, partners, referralClicks, referrals } from "@/db/schema";
import { consentText } from "@/lib/leads/consent-text";
import { getLeadById, sha256Hex } from "@/lib/leads/service";
import { getSettings } from "@/lib/settings";

/** One consent record as evidence: the words the person saw (when the stored hash proves them), and the context. */
export interface ConsentEvidenceItem {
  id: string;
  consentedAt: Date;
  channel: string;
  textVersion: string;
  textHash: string;
  /** The full text shown, rebuilt from the versioned wording; null when no known wording matches the hash. */
  text: string | null;
  /**
   * `TEXT` when SHA-256 of `text` equals the stored hash; `VERSION_ONLY` when an integration attested to
   * the version name only (the hash is the version's); `UNVERIFIED` when neither matches.
   */
  hashMatches: "TEXT" | "VERSION_ONLY" | "UNVERIFIED";
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
}

export interface ConsentEvidenceReferral {
  id: string;
  status: string;
  referralCode: string;
  source: string;
  createdAt: Date;
  partner: { id: string; name: string; companyName: string | null; npn: string | null };
  /** The referral-link visit that brought the lead, when the referral came through a link. */
  click: {
    id: string;
    createdAt: Date;
    landingUrl: string | null;
    referrer: string | null;
    ipHash: string | null;
    userAgent: string | null;
    subId: string | null;
    utmSource: string | null;
    utmMedium: string | null;
    utmCampaign: string | null;
  } | null;
}

export interface ConsentEvidence {
  generatedAt: Date;
  lead: {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    state: string | null;
    insuranceType: string;
    createdAt: Date;
  };
  consents: ConsentEvidenceItem[];
  referrals: ConsentEvidenceReferral[];
}

/**
 * Business names the consent text may have named: today's, and every earlier one the settings history
 * records, so evidence from before a rename still matches its hash.
 */
async function businessNames(db: DbOrTx): Promise<string[]> {
  const [current, history] = await Promise.all([
    getSettings(db),
    db
      .select({ before: events.before, after: events.after })
      .from(events)
      .where(and(eq(events.entityType, "settings"), eq(events.action, "settings.updated"))),
  ]);
  const names = new Set<string>([current.businessName]);
  for (const e of history)
    for (const side of [e.before, e.after]) {
      const n = (side as { businessName?: unknown } | null)?.businessName;
      if (typeof n === "string") names.add(n);
    }
  return [...names];
}

/** The text a stored consent row proves, by trying each known business name in the versioned wording. */
export function matchConsentText(
  row: { textVersion: string; textHash: string },
  names: string[],
): Pick<ConsentEvidenceItem, "text" | "hashMatches"> {
  for (const name of names) {
    const text = consentText(name, row.textVersion);
    if (text && sha256Hex(text) === row.textHash) return { text, hashMatches: "TEXT" };
  }
  if (sha256Hex(row.textVersion) === row.textHash)
    return { text: consentText(names[0], row.textVersion), hashMatches: "VERSION_ONLY" };
  return { text: null, hashMatches: "UNVERIFIED" };
}

/** Every consent record of a lead with the words shown, and the partner and click that brought it (admins). */
export async function consentEvidence(db: DbOrTx, leadId: string, now = new Date()): Promise<ConsentEvidence> {
  const lead = await getLeadById(db, leadId);
  const [consents, refs, names] = await Promise.all([
    db.select().from(leadConsents).where(eq(leadConsents.leadId, lead.id)).orderBy(asc(leadConsents.consentedAt)),
    db
      .select({ r: referrals, p: partners })
      .from(referrals)
      .innerJoin(partners, eq(partners.id, referrals.partnerId))
      .where(eq(referrals.leadId, lead.id))
      .orderBy(asc(referrals.createdAt)),
    businessNames(db),
  ]);
  const clickIds = refs.map(({ r }) => r.clickId).filter((c): c is string => !!c);
  const clicks = clickIds.length
    ? await db.select().from(referralClicks).where(inArray(referralClicks.id, clickIds))
    : [];
  const clickOf = new Map(clicks.map((c) => [c.id, c]));
  return {
    generatedAt: now,
    lead: {
      id: lead.id,
      firstName: lead.firstName,
      lastName: lead.lastName,
      email: lead.email,
      phone: lead.phone,
      state: lead.state,
      insuranceType: lead.insuranceType,
      createdAt: lead.createdAt,
    },
    consents: consents.map((c) => ({
      id: c.id,
      consentedAt: c.consentedAt,
      channel: c.channel,
      textVersion: c.textVersion,
      textHash: c.textHash,
      ...matchConsentText(c, names),
      ip: c.ip,
      userAgent: c.userAgent,
      pageUrl: c.pageUrl,
    })),
    referrals: refs.map(({ r, p }) => {
      const c = r.clickId ? clickOf.get(r.clickId) : undefined;
      return {
        id: r.id,
        status: r.status,
        referralCode: r.referralCode,
        source: r.source,
        createdAt: r.createdAt,
        partner: { id: p.id, name: `${p.firstName} ${p.lastName}`, companyName: p.companyName, npn: p.npn },
        click: c
          ? {
              id: c.id,
              createdAt: c.createdAt,
              landingUrl: c.landingUrl,
              referrer: c.referrer,
              ipHash: c.ipHash,
              userAgent: c.userAgent,
              subId: c.subId,
              utmSource: c.utmSource,
              utmMedium: c.utmMedium,
              utmCampaign: c.utmCampaign,
            }
          : null,
      };
    }),
  };
}
