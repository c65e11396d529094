import { DEMO_PASSWORD } from "@dm/db/seed";

/**
 * A signed-in user over plain HTTP, as a browser would be: the session cookie next-auth sets,
 * sent to whichever instance is asked. Every request is timed and bounded, so a hang shows up as
 * a long duration rather than a stuck test.
 */

export interface Timed {
  status: number;
  ms: number;
  body: string;
  contentType: string;
  /** Set when no answer came at all (connection refused, or cut off after REQUEST_LIMIT_MS). */
  error?: string;
}

/** No request waits longer than this, whatever the server does. */
export const REQUEST_LIMIT_MS = 30_000;

export async function timedFetch(url: string, init: RequestInit = {}): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
    const body = await response.text();
    return { status: response.status, ms: performance.now() - started, body, contentType: response.headers.get("content-type") ?? "" };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: "", contentType: "", error: String((error as Error).cause ?? error) };
  }
}

function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
  }
  return jar;
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** One tRPC answer: `data` on success, the formatted error otherwise. */
export interface TrpcAnswer<T = unknown> extends Timed {
  data?: T;
  error?: string;
  trpcError?: { message: string; data: { code: string; httpStatus: number; requestId?: string } };
}

export class Session {
  constructor(
    readonly identifier: string,
    /** The `Cookie` header: the session cookie (and the CSRF cookie of the sign-in). */
    public cookie: string,
  ) {}

  /** Signs in through next-auth's credentials callback on `base`, as the sign-in form does. */
  static async signIn(base: string, identifier: string, password = DEMO_PASSWORD): Promise<Session> {
    const { status, location, jar } = await Session.attemptSignIn(base, identifier, password);
    if (status !== 302 || location.includes("error=")) throw new Error(`sign-in of ${identifier} refused: ${status} ${location}`);
    if (![...jar.keys()].some((k) => k.endsWith("authjs.session-token"))) throw new Error(`no session cookie for ${identifier}`);
    return new Session(identifier, header(jar));
  }

  /** One sign-in attempt: the callback's status and redirect (a refusal names its `code`), and the cookies set. */
  static async attemptSignIn(base: string, identifier: string, password = DEMO_PASSWORD) {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const jar = cookiesOf(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
      body: new URLSearchParams({ csrfToken, identifier, password, callbackUrl: "/" }),
    });
    for (const [k, v] of cookiesOf(response)) jar.set(k, v);
    return { status: response.status, location: response.headers.get("location") ?? "", jar };
  }

  /** Signs out on `base` (next-auth's sign-out POST, with its CSRF token); the old cookie is kept to replay. */
  async signOut(base: string): Promise<void> {
    const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: this.cookie } });
    const jar = new Map(this.cookie.split("; ").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const));
    for (const [k, v] of cookiesOf(csrf)) jar.set(k, v);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${base}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/login" }),
    });
    if (response.status !== 302) throw new Error(`sign-out of ${this.identifier}: ${response.status}`);
  }

  get(base: string, path: string, headers: Record<string, string> = {}): Promise<Timed> {
    return timedFetch(`${base}${path}`, { headers: { cookie: this.cookie, ...headers } });
  }

  query<T>(base: string, path: string, input?: unknown, headers: Record<string, string> = {}): Promise<TrpcAnswer<T>> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    return this.trpc<T>(`${base}/api/trpc/${path}${query}`, { headers: { cookie: this.cookie, ...headers } });
  }

  mutate<T>(base: string, path: string, input: unknown, headers: Record<string, string> = {}): Promise<TrpcAnswer<T>> {
    return this.trpc<T>(`${base}/api/trpc/${path}`, {
      method: "POST",
      headers: { cookie: this.cookie, "content-type": "application/json", ...headers },
      body: JSON.stringify({ json: input }),
    });
  }

  private async trpc<T>(url: string, init: RequestInit): Promise<TrpcAnswer<T>> {
    const answer: TrpcAnswer<T> = await timedFetch(url, init);
    if (answer.status === 0) return answer;
    try {
      const parsed = JSON.parse(answer.body) as { result?: { data: { json: T } }; error?: { json: TrpcAnswer["trpcError"] } };
      if (parsed.result) answer.data = parsed.result.data.json;
      if (parsed.error) answer.trpcError = parsed.error.json;
    } catch {
      // Not JSON: the assertions report the body.
    }
    return answer;
  }
}
