import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { authConfig } from "@dm/auth/config";

/**
 * Redirects signed-out visitors of pages to /login and, by reading the session on every page
 * request, slides its expiry. Only the JWT is read here; pages and procedures check the
 * account against the database again.
 */
const { auth } = NextAuth(authConfig);
// Typed for route handlers; used as a proxy, next-auth's `auth` takes (request, event).
const sessionProxy = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  // A link prefetch is not activity, and one answered after a sign-out must not set the
  // session cookie again. Its page still checks the session itself.
  if (request.headers.get("next-router-prefetch")) return NextResponse.next();
  return sessionProxy(request, event);
}

export const config = {
  // Pages only. API routes check the session themselves; a background request (the unread
  // count's poll) is not activity and, answered after a sign-out, must not restore the cookie;
  // and a proxy would buffer (past 10 MB, cut short) every upload before its route could read it.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|api/).*)"],
};
