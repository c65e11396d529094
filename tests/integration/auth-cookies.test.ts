import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "@dm/db";
import { loginAttempts } from "@dm/db/schema";
import type * as Auth from "@dm/auth";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCommittee, createUser, TEST_PASSWORD } from "./support/fixtures";

/**
 * The real next-auth configuration (@dm/auth) answering requests as the web server would: its
 * session cookie's flags over HTTP and over HTTPS, and its CSRF check on the credentials sign-in.
 */
let t: TestDatabase;
let handlers: typeof Auth.handlers;

beforeAll(async () => {
  t = await freshDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
  delete process.env.AUTH_URL;
  ({ handlers } = await import("@dm/auth"));
  const committee = await createCommittee(t.db, { name: "株洲市政协", level: "city" });
  await createUser(t.db, { username: "cookie-user", role: "city_staff", committeeId: committee.id });
});

afterAll(async () => {
  const { getDb } = await import("@dm/db");
  await getDb().$client.end();
  await t.cleanup();
});

/** Set-Cookie lines by cookie name. */
function setCookies(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf("=")), line]));
}

const cookieHeader = (cookies: Map<string, string>) => [...cookies.values()].map((line) => line.split(";")[0]).join("; ");

/** GET /api/auth/csrf: the token for the form and the cookie that must come back with it. */
async function csrf(origin: string) {
  const response = await handlers.GET(new NextRequest(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookies: setCookies(response) };
}

function postCredentials(origin: string, form: Record<string, string>, cookie = "") {
  return handlers.POST(
    new NextRequest(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": "203.0.113.9" },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

async function signIn(origin: string) {
  const { csrfToken, cookies } = await csrf(origin);
  const response = await postCredentials(origin, { csrfToken, identifier: "cookie-user", password: TEST_PASSWORD, callbackUrl: "/" }, cookieHeader(cookies));
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).not.toContain("error=");
  return { csrfCookies: cookies, cookies: setCookies(response) };
}

async function attempts() {
  const [row] = await t.db.select({ n: count() }).from(loginAttempts).where(eq(loginAttempts.accountKey, "cookie-user"));
  return row!.n;
}

describe("the session cookie", () => {
  it("over plain HTTP (a local install) is HttpOnly and SameSite=Lax, and cannot be Secure", async () => {
    const { cookies, csrfCookies } = await signIn("http://127.0.0.1:3000");
    const session = cookies.get("authjs.session-token");
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).not.toMatch(/; Secure/i);
    expect(csrfCookies.get("authjs.csrf-token")).toMatch(/; HttpOnly/i);
  });

  it("over HTTPS is also Secure, under the __Secure- prefix; the CSRF cookie is __Host-", async () => {
    const { cookies, csrfCookies } = await signIn("https://zxjd.example.gov.cn");
    expect(cookies.has("authjs.session-token")).toBe(false);
    const session = cookies.get("__Secure-authjs.session-token");
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(csrfCookies.get("__Host-authjs.csrf-token")).toMatch(/; Secure/i);
  });

  it("is Secure when AUTH_URL names the public HTTPS address, though the app itself is reached over HTTP", async () => {
    process.env.AUTH_URL = "https://zxjd.example.gov.cn";
    try {
      const { cookies } = await signIn("http://127.0.0.1:3000");
      expect(cookies.get("__Secure-authjs.session-token")).toMatch(/; Secure/i);
    } finally {
      delete process.env.AUTH_URL;
    }
  });
});

describe("the credentials sign-in", () => {
  const origin = "http://127.0.0.1:3000";
  const form = { identifier: "cookie-user", password: TEST_PASSWORD, callbackUrl: "/" };

  it("without the CSRF token and cookie is refused before the password is checked: no session", async () => {
    const before = await attempts();
    const response = await postCredentials(origin, form);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("error=MissingCSRF");
    expect([...setCookies(response).keys()].filter((name) => name.includes("session-token"))).toEqual([]);
    // Refused before authorize: not even counted as an attempt.
    expect(await attempts()).toBe(before);
  });

  it("with a token but not the cookie it belongs to (a cross-site form) is refused", async () => {
    const { csrfToken } = await csrf(origin);
    const response = await postCredentials(origin, { ...form, csrfToken });
    expect(response.headers.get("location")).toContain("error=MissingCSRF");
    expect([...setCookies(response).keys()].filter((name) => name.includes("session-token"))).toEqual([]);
  });

  it("with another browser's cookie and a token of its own is refused", async () => {
    const victim = await csrf(origin);
    const attacker = await csrf(origin);
    const response = await postCredentials(origin, { ...form, csrfToken: attacker.csrfToken }, cookieHeader(victim.cookies));
    expect(response.headers.get("location")).toContain("error=MissingCSRF");
    expect([...setCookies(response).keys()].filter((name) => name.includes("session-token"))).toEqual([]);
  });
});
