import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { getMail } from "@/lib/mail/queries";

export const metadata: Metadata = { title: "E-mail" };

/** The text part with its URLs clickable, as a mail client shows them. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/** One message as its recipient sees it: the HTML part in a sandboxed frame (no scripts, no links out), and the text part. */
export default async function MailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const m = await getMail(await getDb(), (await params).id);
  if (!m) notFound();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={m.subject}
        back={
          <Link href="/admin/mail" className="text-brand-700 hover:underline">
            ← Mail
          </Link>
        }
      />
      <Card title="Envelope">
        <DetailList
          items={[
            ["To", m.toAddress],
            ["Status", <StatusBadge key="s" status={m.status} />],
            ["Written", <DateTime key="d" value={m.createdAt} />],
            ["Sent", m.sentAt ? <DateTime key="t" value={m.sentAt} /> : "—"],
            ["Attempts", String(m.attempts)],
            ["Category", m.category],
            ...Object.entries(m.headers).map(([k, v]): [string, string] => [k, v]),
            ...(m.lastError ? [["Last error", m.lastError] as [string, string]] : []),
          ]}
        />
      </Card>
      <Card title="HTML part">
        <iframe
          title="The HTML part of the e-mail"
          srcDoc={m.html}
          sandbox=""
          className="h-[560px] w-full rounded border border-slate-200 bg-white"
        />
      </Card>
      <Card title="Text part">
        <pre data-testid="mail-text" className="overflow-x-auto whitespace-pre-wrap break-words text-sm text-slate-800">
          {linkify(m.text)}
        </pre>
      </Card>
    </div>
  );
}
