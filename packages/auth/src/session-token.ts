import { decode } from "next-auth/jwt";
import type { SessionClaims } from "./config";

/** next-auth's session cookie: `__Secure-` over HTTPS, the plain name otherwise. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The session claims of an API request, read straight from its cookie. next-auth's `auth()`
 * runs its whole session endpoint for this (decrypt, callbacks, re-encrypt a cookie nobody
 * sends, JSON out and back): a quarter of an API call's CPU. Decrypting is all an API route
 * needs, because the token is only a claim: the API checks the account, the session version and
 * revoked sessions against the database on every call. An expired, forged or foreign token
 * (jose checks `exp` and the key derived from the cookie's name) is no session.
 */
export async function sessionFromCookie(cookieHeader: string | null, secret = process.env.AUTH_SECRET): Promise<SessionClaims | null> {
  if (!secret) return null;
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    try {
      const claims = await decode({ token, secret, salt: name });
      const userId = Number(claims?.uid);
      if (!Number.isInteger(userId) || userId <= 0 || typeof claims?.sid !== "string" || typeof claims.sv !== "number") return null;
      return { userId, sessionId: claims.sid, sessionVersion: claims.sv };
    } catch {
      return null;
    }
  }
  return null;
}
