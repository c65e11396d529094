/**
 * Signs an account in over HTTP the way the sign-in page does: fetch next-auth's CSRF token (and
 * the cookie it is bound to), post the credentials form with both, keep the session cookie from
 * the redirect, and check that /api/auth/session now names the account.
 */
import { request } from "undici";

/** `name=value` of each Set-Cookie line, by name. */
export function cookiesOf(setCookie: string | string[] | undefined): Map<string, string> {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const out = new Map<string, string>();
  for (const line of lines) {
    const pair = line.split(";")[0]!.trim();
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq), pair);
  }
  return out;
}

/** The session cookie (next-auth splits a large one into `.0`, `.1`, …) as a Cookie header. */
export function sessionCookieHeader(cookies: Map<string, string>): string {
  const parts = [...cookies.entries()].filter(([name]) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(name)).map(([, pair]) => pair);
  return parts.join("; ");
}

/** Signs in and returns the Cookie header a browser would send afterwards. */
export async function signIn(origin: string, identifier: string, password: string): Promise<string> {
  const csrf = await request(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.body.json()) as { csrfToken?: string };
  const csrfCookies = cookiesOf(csrf.headers["set-cookie"]);
  if (csrf.statusCode !== 200 || !csrfToken) throw new Error(`sign-in of ${identifier}: no CSRF token (HTTP ${csrf.statusCode})`);

  const response = await request(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...csrfCookies.values()].join("; ") },
    body: new URLSearchParams({ csrfToken, identifier, password, callbackUrl: "/" }).toString(),
  });
  await response.body.dump();
  const location = String(response.headers.location ?? "");
  const cookie = sessionCookieHeader(cookiesOf(response.headers["set-cookie"]));
  if (response.statusCode !== 302 || location.includes("error=") || !cookie) {
    throw new Error(`sign-in of ${identifier} refused: HTTP ${response.statusCode}, location ${location || "none"}`);
  }

  const session = await request(`${origin}/api/auth/session`, { headers: { cookie } });
  const body = (await session.body.json()) as { user?: { id?: string } } | null;
  if (!body?.user?.id) throw new Error(`sign-in of ${identifier}: the session cookie is not accepted`);
  return cookie;
}
