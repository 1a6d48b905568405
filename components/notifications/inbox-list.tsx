"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { markNotificationsReadAction, openNotificationAction } from "@/lib/notifications/actions";

export interface InboxItem {
  id: string;
  title: string;
  body: string;
  linkPath: string | null;
  read: boolean;
  createdAt: string;
}

/** The inbox: newest first, unread in bold; opening an entry marks it read and goes to what it is about. */
export function InboxList({ items }: { items: InboxItem[] }) {
  const router = useRouter();
  const mark = useAction(markNotificationsReadAction, { success: (d) => `Marked ${d.marked} read.` });
  const open = useAction(openNotificationAction, { refresh: false });
  const unread = items.filter((i) => !i.read).length;
  if (items.length === 0) return <EmptyState title="Nothing yet">Events about your account appear here.</EmptyState>;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          size="sm"
          disabled={unread === 0 || mark.pending}
          onClick={() => mark.run({ all: "1" })}
        >
          Mark all read
        </Button>
        <Notice outcome={mark.outcome ?? open.outcome} />
      </div>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3" data-read={n.read}>
            <div className="min-w-0">
              <p className={n.read ? "text-slate-700" : "font-semibold text-slate-900"}>
                {n.read ? null : <span className="sr-only">Unread: </span>}
                {n.title}
              </p>
              {n.body && <p className="text-sm text-slate-600">{n.body}</p>}
              <p className="text-xs text-slate-600">
                <DateTime value={n.createdAt} />
              </p>
            </div>
            <div className="flex gap-2">
              {n.linkPath && (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={open.pending}
                  aria-label={`Open: ${n.title}`}
                  onClick={async () => {
                    const r = await open.run({ id: n.id });
                    if (r?.ok && r.data.linkPath) router.push(r.data.linkPath);
                  }}
                >
                  Open
                </Button>
              )}
              {!n.read && (
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={mark.pending}
                  aria-label={`Mark read: ${n.title}`}
                  onClick={() => mark.run({ ids: n.id })}
                >
                  Mark read
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
