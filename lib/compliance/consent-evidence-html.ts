import type { ConsentEvidence } from "./consent-evidence";

const esc = (v: unknown) =>
  v === null || v === undefined || v === ""
    ? "—"
    : String(v instanceof Date ? v.toISOString() : v)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;");

const rows = (pairs: [string, unknown][]) =>
  pairs.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join("");

const HASH_WORDS = {
  TEXT: "matches the text above (SHA-256 of the exact words shown)",
  VERSION_ONLY: "an integration attested to this version; the hash is of the version name",
  UNVERIFIED: "no known wording matches this hash",
} as const;

/**
 * The consent evidence of one lead as a self-contained printable page (no scripts, no outside resources),
 * for a dispute file: every value escaped, times in UTC.
 */
export function consentEvidenceHtml(e: ConsentEvidence): string {
  const consents = e.consents
    .map(
      (c, i) => `<section><h2>Consent ${i + 1} of ${e.consents.length}</h2>
<table>${rows([
        ["Time (UTC)", c.consentedAt],
        ["Channel", c.channel],
        ["Text version", c.textVersion],
        ["SHA-256", c.textHash],
        ["Hash check", HASH_WORDS[c.hashMatches]],
        ["IP address", c.ip],
        ["User agent", c.userAgent],
        ["Page URL", c.pageUrl],
      ])}</table>
<h3>Text shown</h3><blockquote>${esc(c.text ?? "The wording of this version is not on file.")}</blockquote></section>`,
    )
    .join("");
  const refs = e.referrals
    .map(
      (r) =>
        `<section><h2>Referral ${esc(r.referralCode)}</h2><table>${rows([
          ["Partner", `${r.partner.name}${r.partner.companyName ? ` (${r.partner.companyName})` : ""}`],
          ["NPN", r.partner.npn],
          ["Referral status", r.status],
          ["Source", r.source],
          ["Referred at (UTC)", r.createdAt],
          ["Link click", r.click ? r.click.id : "no referral-link click recorded"],
          ...(r.click
            ? ([
                ["Click time (UTC)", r.click.createdAt],
                ["Landing URL", r.click.landingUrl],
                ["Referrer", r.click.referrer],
                ["Visitor IP (salted SHA-256)", r.click.ipHash],
                ["Click user agent", r.click.userAgent],
                ["Sub id", r.click.subId],
                ["UTM", [r.click.utmSource, r.click.utmMedium, r.click.utmCampaign].filter(Boolean).join(" / ")],
              ] as [string, unknown][])
            : []),
        ])}</table></section>`,
    )
    .join("");
  const l = e.lead;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/icon.svg"><title>Consent evidence: lead ${esc(l.id)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;color:#0f172a;max-width:56rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem;border-top:1px solid #cbd5e1;padding-top:1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #e2e8f0}
th{width:14rem;color:#334155;font-weight:600}td{word-break:break-all}
blockquote{margin:.5rem 0;padding:.75rem 1rem;border-left:4px solid #1d4ed8;background:#f1f5f9}
@media print{body{margin:0}section{break-inside:avoid}}
</style></head><body>
<h1>Consent evidence</h1>
<p>Generated ${esc(e.generatedAt)} (UTC). ${e.consents.length} consent record(s), ${e.referrals.length} referral(s).</p>
<table>${rows([
    ["Lead id", l.id],
    ["Name", `${l.firstName} ${l.lastName}`.trim()],
    ["E-mail", l.email],
    ["Phone", l.phone],
    ["State", l.state],
    ["Insurance type", l.insuranceType],
    ["Lead received (UTC)", l.createdAt],
  ])}</table>
${consents || "<p>No consent recorded.</p>"}
${refs || "<h2>Referral</h2><p>This lead came in without a partner.</p>"}
</body></html>`;
}
