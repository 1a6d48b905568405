import { connection } from "next/server";
import { NotificationsPage } from "@/components/notifications/notifications-page";
import { portalContext } from "@/lib/portal/context";

export const metadata = { title: "Notifications" };

export default async function PortalNotificationsPage() {
  await connection();
  const { db, user } = await portalContext();
  return <NotificationsPage db={db} user={user} />;
}
