import NextAuth from "next-auth";
import { authConfig } from "@dm/auth/config";

/**
 * Redirects signed-out visitors of pages to /login and, by reading the session on every
 * request, slides its expiry. Only the JWT is read here; pages and procedures check the
 * account against the database again.
 */
const { auth } = NextAuth(authConfig);

export default auth;

export const config = {
  // Not the attachment routes: they check the session themselves, and a proxy would buffer
  // (and past 10 MB cut short) every upload before the route handler could read it.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|api/attachments).*)"],
};
