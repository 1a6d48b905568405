import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { safeNextPath } from "@/lib/auth/redirects";
import { getSessionUser, homeFor } from "@/lib/auth/session";

export const metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const next = typeof sp.next === "string" ? sp.next : undefined;
  const user = await getSessionUser();
  if (user) redirect(safeNextPath(next, user.role) ?? homeFor(user));
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold">Log in</h1>
        <p className="mt-1 text-slate-600">Partners and the program team sign in here.</p>
      </div>
      {sp.reset === "1" && (
        <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Your password is set. Sign in with it.
        </p>
      )}
      <LoginForm next={next} />
    </>
  );
}
