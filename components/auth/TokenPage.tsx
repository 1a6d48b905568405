import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db";
import { peekToken, type TokenKind } from "@/lib/auth/tokens";
import { SetPasswordForm } from "./SetPasswordForm";

/** The invitation and reset pages: greet the person the link belongs to, or explain that it no longer works. */
export async function TokenPage({ token, kind }: { token: string; kind: TokenKind }) {
  await connection();
  const who = await peekToken(await getDb(), token, kind);
  if (!who)
    return (
      <>
        <h1 className="text-2xl font-bold">This link no longer works</h1>
        <p className="text-slate-600">
          {kind === "INVITE"
            ? "Invitations work once and for 7 days. Ask the program team for a new one."
            : "Reset links work once and for one hour."}
        </p>
        <Link className="text-brand-700 hover:underline" href={kind === "INVITE" ? "/login" : "/forgot-password"}>
          {kind === "INVITE" ? "Go to sign-in" : "Ask for a new reset link"}
        </Link>
      </>
    );
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold">{kind === "INVITE" ? `Welcome, ${who.name}` : "Choose a new password"}</h1>
        <p className="mt-1 text-slate-600">
          {kind === "INVITE" ? "Set a password for " : "For "}
          <strong>{who.email}</strong>.
        </p>
      </div>
      <SetPasswordForm token={token} kind={kind} />
    </>
  );
}
