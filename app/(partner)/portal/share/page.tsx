import { connection } from "next/server";
import { LinkBuilder } from "@/components/portal/link-builder";
import { QrCode } from "@/components/portal/qr-code";
import { QUOTE_TYPES, quoteButtonSnippet, referralLink, refParamLink } from "@/components/portal/share-links";
import { StatusNote } from "@/components/portal/status-note";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { partnerEarning } from "@/lib/commissions/summary";
import { portalContext } from "@/lib/portal/context";
import { publicOrigin } from "@/lib/portal/origin";

export const metadata = { title: "Share your link" };

function LinkRow({ label, value }: { label: string; value: string }) {
  return (
    <li className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:gap-3">
      <span className="w-32 shrink-0 text-sm font-medium">{label}</span>
      <code className="min-w-0 flex-1 break-all rounded bg-slate-50 px-2 py-1 text-xs">{value}</code>
      <CopyButton value={value} label={`Copy ${label.toLowerCase()} link`} />
    </li>
  );
}

export default async function SharePage() {
  await connection();
  const { db, partner } = await portalContext();
  const origin = await publicOrigin();
  const earning = await partnerEarning(db, partner.id);
  const code = partner.referralCode;
  if (!code) {
    return (
      <EmptyState title="No referral code yet">Your account has no referral code. Contact the program team.</EmptyState>
    );
  }
  const link = referralLink(origin, code);
  const snippet = quoteButtonSnippet(link);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Share your link"
        description={<StatusNote status={partner.status} statusReason={partner.statusReason} earning={earning} />}
      />
      <Card
        title="Your referral link"
        description={`Code ${code}. Everyone who requests a quote within 30 days of clicking it counts as your referral.`}
      >
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <label htmlFor="main-link" className="sr-only">
              Your referral link
            </label>
            <div className="flex gap-2">
              <input
                id="main-link"
                readOnly
                value={link}
                className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
              />
              <CopyButton value={link} label="Copy link" variant="primary" />
            </div>
            <p className="text-sm text-slate-600">
              Print the QR code on flyers or business cards: scanning it opens the same link.
            </p>
          </div>
          <QrCode value={link} label={`QR code for ${link}`} />
        </div>
      </Card>
      <Card
        title="Link builder"
        description="Add a sub id and UTM tags to see in your reports which campaign brought each referral."
      >
        <LinkBuilder origin={origin} code={code} />
      </Card>
      <Card title="Ready links per insurance type" description="Send people straight to the right quote form.">
        <ul className="divide-y divide-slate-100">
          {QUOTE_TYPES.map((t) => (
            <LinkRow key={t.slug} label={t.label} value={referralLink(origin, code, { to: `/quote/${t.slug}` })} />
          ))}
        </ul>
      </Card>
      <Card
        title="Using your code as ?ref="
        description="Add ?ref= with your code to any page of our site; it attributes the visitor to you the same way."
      >
        <ul className="divide-y divide-slate-100">
          <LinkRow label="Quote form" value={refParamLink(origin, code)} />
          <LinkRow label="Home page" value={refParamLink(origin, code, "/")} />
        </ul>
      </Card>
      <Card
        title="A “Get a quote” button for your website"
        description="Paste this HTML where the button should appear. It needs no script."
      >
        <div className="flex flex-col gap-3">
          <pre className="whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100">
            <code>{snippet}</code>
          </pre>
          <div className="flex flex-wrap items-center gap-4">
            <CopyButton value={snippet} label="Copy HTML" />
            <span className="text-sm text-slate-600">Preview:</span>
            <span dangerouslySetInnerHTML={{ __html: snippet }} />
          </div>
        </div>
      </Card>
    </div>
  );
}
