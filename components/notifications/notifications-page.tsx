import { EmailPreferences } from "@/components/notifications/email-preferences";
import { InboxList } from "@/components/notifications/inbox-list";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { Db } from "@/db";
import { CATEGORY_LABEL } from "@/lib/mail/categories";
import { categoriesFor, emailOff } from "@/lib/mail/preferences";
import { listNotifications } from "@/lib/notifications/inbox";

/** The inbox and the e-mail choices of the signed-in user (portal and console render the same page). */
export async function NotificationsPage({ db, user }: { db: Db; user: { id: string; role: "ADMIN" | "PARTNER" } }) {
  const [{ rows }, off] = await Promise.all([listNotifications(db, user.id, { limit: 50 }), emailOff(db, user.id)]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Notifications" description="What happened on your account, and which of it we e-mail you." />
      <Card title="Inbox">
        <InboxList
          items={rows.map((n) => ({
            id: n.id,
            title: n.title,
            body: n.body,
            linkPath: n.linkPath,
            read: n.readAt !== null,
            createdAt: n.createdAt.toISOString(),
          }))}
        />
      </Card>
      <Card title="E-mail">
        <EmailPreferences
          categories={categoriesFor(user.role).map((c) => ({ key: c, label: CATEGORY_LABEL[c], on: !off.has(c) }))}
        />
      </Card>
    </div>
  );
}
