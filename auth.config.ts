import type { NextAuthConfig } from "next-auth";
import { authSecret } from "@/lib/auth/secret";
import { sameSiteAuthRedirect } from "@/lib/safe-redirect";

/** Session lifetime: a working week; the JWT is re-issued on use (next-auth's sliding expiry). */
const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** Paths the proxy sends to the login page when nobody is signed in (the pages check again themselves). */
export const PROTECTED_PREFIXES = ["/admin", "/portal", "/account"];

/**
 * The part of the next-auth configuration that needs neither the database nor argon2: pages, the JWT
 * session and the proxy's redirect. `auth.ts` adds the credentials provider.
 */
export const authConfig = {
  secret: authSecret(),
  trustHost: true,
  pages: { signIn: "/login", error: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [],
  callbacks: {
    // `callbackUrl` is request input: only our own origin, through the same check as `?next=`.
    redirect: sameSiteAuthRedirect,
    jwt({ token, user }) {
      // `user` is only present right after sign-in: copy what the pages need into the token.
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
        token.partnerId = user.partnerId ?? null;
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub && token.role) {
        session.user = { ...session.user, id: token.sub, role: token.role, partnerId: token.partnerId ?? null };
        session.signedInAt = token.signedInAt;
      }
      return session;
    },
    authorized({ auth, request }) {
      const { pathname, search } = request.nextUrl;
      const isProtected = PROTECTED_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
      if (!isProtected || auth?.user?.id) return true;
      const login = new URL("/login", request.nextUrl);
      login.searchParams.set("next", `${pathname}${search}`);
      return Response.redirect(login);
    },
  },
  logger: {
    // A wrong password is not a server error: keep CredentialsSignin stacks out of the logs.
    error(error: Error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      console.error(`[auth] ${type}: ${error.message}`);
    },
    warn() {},
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface User {
    role?: "ADMIN" | "PARTNER";
    partnerId?: string | null;
  }
  interface Session {
    /** Seconds since the epoch of the sign-in (survives the JWT's sliding re-issue). */
    signedInAt?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: "ADMIN" | "PARTNER";
    partnerId?: string | null;
    signedInAt?: number;
  }
}
