/** One line of evidence per signal, in the admin's words (the raw evidence is on the API). */
export function signalText(kind: string, e: Record<string, unknown>): string {
  switch (kind) {
    case "VELOCITY":
      return `${e.leadsFromIp} leads from one IP within ${e.windowMinutes} min, through ${e.partners} partner(s)`;
    case "SHARED_IDENTITY":
      return `Same ${(e.identifiers as string[]).map((i) => i.toLowerCase()).join(", ")} as ${(e.otherReferralIds as string[]).length} referral(s) of other partners`;
    case "TOO_FAST_FORM":
      return `Form sent ${Number(e.seconds).toFixed(1)} s after the click`;
    case "TOO_FAST_CONVERSION":
      return `Converted ${e.minutes} min after the referral`;
    case "NO_CLICK":
      return `Converted with no recorded click (source ${String(e.source).toLowerCase()})`;
    case "DISPOSABLE_EMAIL":
      return `Disposable e-mail domain ${e.domain}`;
    case "PARTNER_OUTLIER":
      return `Partner ${e.metric === "conversionRate" ? "conversion rate" : "average conversion value"} ${e.value} against a program median of ${e.programMedian} (${e.score} robust spreads, ${e.referrals} referrals in ${e.days} days)`;
    case "SELF_REFERRAL":
      return "The lead's e-mail or phone is the partner's";
    case "DUPLICATE_LEAD":
      return "Another partner already owns this person";
    case "PARTNER_REVIEW":
      return `Escalated to a partner review: ${e.reason}`;
    default:
      return kind;
  }
}
