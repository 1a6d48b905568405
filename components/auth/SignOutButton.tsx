import { signOutAction } from "@/lib/auth/actions";

/** A sign-out button for the admin and portal headers (a form, so it works without JavaScript). */
export function SignOutButton({ className }: { className?: string }) {
  return (
    <form action={signOutAction}>
      <button type="submit" className={className ?? "text-sm font-medium text-slate-700 hover:underline"}>
        Sign out
      </button>
    </form>
  );
}
