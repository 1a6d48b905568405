import { connection } from "next/server";
import { NotificationsPage } from "@/components/notifications/notifications-page";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";

export const metadata = { title: "Notifications" };

export default async function AdminNotificationsPage() {
  const user = await requireAdmin();
  await connection();
  return <NotificationsPage db={await getDb()} user={user} />;
}
