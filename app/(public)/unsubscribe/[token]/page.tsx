import { connection } from "next/server";
import { UnsubscribeButton } from "@/components/notifications/unsubscribe-button";
import { Card } from "@/components/ui/card";
import { CATEGORY_LABEL } from "@/lib/mail/categories";
import { verifyUnsubscribeToken } from "@/lib/mail/unsubscribe-token";

export const metadata = { title: "Unsubscribe" };

/** The link in every optional e-mail: no sign-in; one click turns off that one category. */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const t = verifyUnsubscribeToken(decodeURIComponent(token));
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-4 py-10">
      <Card title="Unsubscribe">
        {t ? (
          <div className="flex flex-col gap-3">
            <p className="text-slate-800">
              Stop e-mails about <strong>{CATEGORY_LABEL[t.category].toLowerCase()}</strong>? Your other e-mail choices
              stay as they are; you can turn this back on in your notification settings.
            </p>
            <UnsubscribeButton token={decodeURIComponent(token)} label={CATEGORY_LABEL[t.category]} />
          </div>
        ) : (
          <p className="text-slate-800">This unsubscribe link is not valid. Sign in to choose which e-mails you get.</p>
        )}
      </Card>
    </main>
  );
}
