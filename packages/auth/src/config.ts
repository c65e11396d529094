import type { NextAuthConfig, Session } from "next-auth";
import type { Role } from "@dm/db";
import { authEnv } from "./env";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; role: Role; committeeId: number; sessionId: string; sessionVersion: number };
  }
  interface User {
    role: Role;
    committeeId: number;
    sessionVersion: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid: string;
    role: Role;
    committeeId: number;
    /** This sign-in's id, so signing out can revoke exactly this session. */
    sid: string;
    /** users.session_version at sign-in; a password change raises it and ends the session. */
    sv: number;
  }
}

/** What the API needs from a session to load and check the caller. */
export interface SessionClaims {
  userId: number;
  sessionId: string;
  sessionVersion: number;
}

export function sessionClaims(session: { user?: Partial<Session["user"]> } | null): SessionClaims | null {
  const user = session?.user;
  if (!user?.id || !user.sessionId || typeof user.sessionVersion !== "number") return null;
  return { userId: Number(user.id), sessionId: user.sessionId, sessionVersion: user.sessionVersion };
}

/** Pages anyone may open without signing in: the sign-in page, and the public tip form and its status page. */
export function isPublicPage(pathname: string): boolean {
  return pathname === "/login" || pathname === "/tip" || pathname.startsWith("/tip/");
}

/**
 * The part of the configuration that needs no database or native module, shared by the proxy
 * (which only reads the JWT) and the full configuration in ./index.ts.
 */
export const authConfig = {
  trustHost: true,
  pages: { signIn: "/login" },
  // Sliding expiry: every page request through the proxy re-issues the cookie, so the session
  // ends after SESSION_IDLE_HOURS without a page being opened.
  session: { strategy: "jwt", maxAge: Math.round(authEnv.SESSION_IDLE_HOURS * 3600), updateAge: 0 },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      // The proxy sees pages only (API routes check the session themselves); all but the
      // sign-in page and the public tip pages (/tip, /tip/status) need a session.
      return isPublicPage(request.nextUrl.pathname) || Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = String(user.id);
        token.role = user.role;
        token.committeeId = user.committeeId;
        token.sid = crypto.randomUUID();
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.uid,
        role: token.role,
        committeeId: token.committeeId,
        name: token.name ?? "",
        sessionId: token.sid,
        sessionVersion: token.sv,
      };
      return session;
    },
  },
} satisfies NextAuthConfig;
