import { getDb } from "@/db";
import { unsubscribe } from "@/lib/mail/preferences";
import { verifyUnsubscribeToken } from "@/lib/mail/unsubscribe-token";

/**
 * RFC 8058 one-click unsubscribe: the `List-Unsubscribe` URL of every optional e-mail. Mail clients POST
 * `List-Unsubscribe=One-Click` here, without cookies; the signed token names the user and the one
 * category to turn off. A GET (someone opening the URL) goes to the page with the confirmation button.
 */
export async function POST(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const t = verifyUnsubscribeToken(decodeURIComponent((await params).token));
  if (!t || !(await unsubscribe(await getDb(), t.userId, t.category)))
    return new Response("This unsubscribe link is not valid.\n", {
      status: 404,
      headers: { "content-type": "text/plain" },
    });
  return new Response("Unsubscribed.\n", { status: 200, headers: { "content-type": "text/plain" } });
}

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return Response.redirect(new URL(`/unsubscribe/${(await params).token}`, req.url), 303);
}
