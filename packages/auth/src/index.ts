import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb, isDatabaseDown } from "@dm/db";
import { clientIp } from "./client-ip";
import { authConfig } from "./config";
import { authenticate } from "./credentials";
import { revokeSession } from "./sessions";

/** The code reaches the sign-in form, which shows the matching localized message. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A refused sign-in is an everyday event (recorded in login_attempts), not a server error.
    error(error) {
      if (!(error instanceof CredentialsSignin)) console.error("[auth]", error);
    },
  },
  events: {
    // Record the ended session: a copy of its token that is still about (another tab, a
    // request answered after the sign-out) must not sign the browser back in.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid && token.uid) await revokeSession(getDb(), { sessionId: token.sid, userId: Number(token.uid) });
    },
  },
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(credentials, request) {
        const identifier = typeof credentials.identifier === "string" ? credentials.identifier : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        if (!identifier.trim() || !password || identifier.length > 64 || password.length > 256) throw new SignInRefused("invalid");
        const ip = clientIp(request.headers.get("x-forwarded-for"));
        const result = await authenticate(getDb(), { identifier, password, ip }).catch((error: unknown) => {
          // The form says "try again shortly" rather than a generic failure.
          if (isDatabaseDown(error)) throw new SignInRefused("unavailable");
          throw error;
        });
        if (!result.ok) throw new SignInRefused(result.reason === "throttled" ? `throttled_${result.retryInMinutes}` : result.reason);
        const { id, displayName, role, committeeId, sessionVersion } = result.user;
        return { id: String(id), name: displayName, role, committeeId, sessionVersion };
      },
    }),
  ],
});

export { sessionClaims, type SessionClaims } from "./config";
export type { SignInResult } from "./credentials";
