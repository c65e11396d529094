import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionFromCookie } from "./session-token";

const secret = "test-secret-of-at-least-thirty-two-characters";
const claims = { uid: "7", role: "member" as const, committeeId: 3, sid: "session-a", sv: 2, name: "谭湘松" };

async function cookie(name: string, options: { secret?: string; maxAge?: number; salt?: string } = {}) {
  const token = await encode({ token: claims, secret: options.secret ?? secret, salt: options.salt ?? name, maxAge: options.maxAge ?? 3600 });
  return `NEXT_LOCALE=zh-CN; ${name}=${token}`;
}

describe("the session of an API request, from its cookie", () => {
  it("is the token's user, session id and session version, under either cookie name", async () => {
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) {
      expect(await sessionFromCookie(await cookie(name), secret)).toEqual({ userId: 7, sessionId: "session-a", sessionVersion: 2 });
    }
  });

  it("is none without a cookie, without a secret, or with a token for another key", async () => {
    expect(await sessionFromCookie(null, secret)).toBeNull();
    expect(await sessionFromCookie("NEXT_LOCALE=en", secret)).toBeNull();
    expect(await sessionFromCookie(await cookie("authjs.session-token"), undefined)).toBeNull();
    expect(await sessionFromCookie(await cookie("authjs.session-token", { secret: "another-secret-of-thirty-two-characters!" }), secret)).toBeNull();
    // Moved to the other cookie name: the key is derived from the name, so it does not decrypt.
    expect(await sessionFromCookie(await cookie("__Secure-authjs.session-token", { salt: "authjs.session-token" }), secret)).toBeNull();
  });

  it("is none when the token has expired or was altered", async () => {
    expect(await sessionFromCookie(await cookie("authjs.session-token", { maxAge: -60 }), secret)).toBeNull();
    const good = await cookie("authjs.session-token");
    const altered = good.slice(0, -6) + (good.endsWith("A") ? "B" : "A") + good.slice(-5);
    expect(await sessionFromCookie(altered, secret)).toBeNull();
  });
});
