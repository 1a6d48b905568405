import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listFailingAddresses, listMail } from "@/lib/mail/queries";

export const metadata: Metadata = { title: "Mail" };

/** Every e-mail the app wrote, newest first, like a mail catcher; failing addresses on top. */
export default async function MailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  await connection();
  const db = await getDb();
  const to = (await searchParams).to;
  const address = typeof to === "string" && to.trim() ? to : undefined;
  const [messages, failing] = await Promise.all([listMail(db, { to: address, limit: 200 }), listFailingAddresses(db)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Mail"
        description={
          env().SMTP_URL
            ? "E-mails go out through the configured SMTP server; each one is also kept here for 30 days."
            : "No SMTP server is configured (SMTP_URL): nothing is sent. Every message is kept here instead."
        }
      />
      {failing.length > 0 && (
        <Card
          title="Failing addresses"
          description="The mail server refused these permanently (5xx). The partner sees a banner asking them to check their e-mail address; the next accepted message clears the mark."
        >
          <Table caption="Failing addresses" head={["Address", "Since", "Reason"]}>
            {failing.map((f) => (
              <tr key={f.address}>
                <Td>
                  <Link
                    href={`/admin/mail?to=${encodeURIComponent(f.address)}`}
                    className="text-brand-700 hover:underline"
                  >
                    {f.address}
                  </Link>
                </Td>
                <Td>
                  <DateTime value={f.failedAt} />
                </Td>
                <Td className="text-red-700">{f.reason}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      )}
      <Card title={address ? `Messages to ${address}` : "Messages"}>
        {address && (
          <p className="mb-3 text-sm">
            <Link href="/admin/mail" className="text-brand-700 hover:underline">
              Show every address
            </Link>
          </p>
        )}
        {messages.length === 0 ? (
          <EmptyState title="No e-mails yet">
            Invitations, resets and notifications appear here as they are written.
          </EmptyState>
        ) : (
          <Table caption="E-mails" head={["Written", "To", "Subject", "Category", "Status"]}>
            {messages.map((m) => (
              <tr key={m.id}>
                <Td className="whitespace-nowrap">
                  <DateTime value={m.createdAt} />
                </Td>
                <Td>{m.toAddress}</Td>
                <Td>
                  {/* A full page load, not a client navigation: the preview's own Content-Security-Policy (its
                      https images, docs/security.md) applies only to a document loaded from its URL. */}
                  <a href={`/admin/mail/${m.id}`} className="font-medium text-brand-700 hover:underline">
                    {m.subject}
                  </a>
                </Td>
                <Td>{m.category}</Td>
                <Td>
                  <StatusBadge status={m.status} />
                  {m.lastError ? <span className="block text-xs text-red-700">{m.lastError}</span> : null}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
