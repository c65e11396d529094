import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { type Finding, scanClient } from "../security/secrets";
import { E2E_AUTH_SECRET } from "./secret";
import { ACCOUNTS, signIn } from "./support";

/**
 * The platform's security headers, cookies and CSRF check as the production server sends them,
 * and proof that every main page works under the Content-Security-Policy and that no secret
 * reaches the browser.
 */

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("form-action 'self'");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=(self)");
  // Served over plain HTTP: no HSTS (a browser would ignore it anyway).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("pages, API answers and static files carry the security headers; a client cannot claim HTTPS", async ({ request }) => {
  const login = await request.get("/login");
  expectSecurityHeaders(login, "/login");
  expectSecurityHeaders(await request.get("/api/health"), "/api/health");
  const chunk = /\/_next\/static\/[^"']+\.js/.exec(await login.text())?.[0];
  expect(chunk, "a script of the sign-in page").toBeTruthy();
  expectSecurityHeaders(await request.get(chunk!), chunk!);
  // Without a trusted proxy the server ignores X-Forwarded-Proto: still no HSTS.
  expectSecurityHeaders(await request.get("/login", { headers: { "x-forwarded-proto": "https" } }), "/login, claiming https");
});

test("a stored file keeps its own sandboxed policy, with nosniff and a download disposition", async ({ page }) => {
  await signIn(page, ACCOUNTS.zuoquan.identifier);
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  const created = await page.request.post("/api/attachments", { multipart: { file: { name: "现场.png", mimeType: "image/png", buffer: png } } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const headers = (await page.request.get(`/api/attachments/${id}`)).headers();
  expect(headers["content-security-policy"]).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-disposition"]).toMatch(/^attachment; /);
});

/** Records every CSP violation the page reports, through the console and the DOM event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  return violations;
}

/** What the browser was sent: documents and scripts, scanned for secrets at the end. */
function collectServed(page: Page): { url: string; body: Promise<string> }[] {
  const served: { url: string; body: Promise<string> }[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type === "document" || type === "script" || type === "fetch") served.push({ url: response.url(), body: response.text().catch(() => "") });
  });
  return served;
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("h1").first(), path).toBeVisible();
  await page.waitForLoadState("load");
}

test("the main pages run under the policy with no violation, and the browser is sent no secret", async ({ page }) => {
  test.setTimeout(180_000);
  const violations = await watchViolations(page);
  const served = collectServed(page);

  await visit(page, "/login");
  await visit(page, "/tip");
  await signIn(page, ACCOUNTS.leader.identifier);
  for (const path of ["/", "/campaigns", "/tasks", "/assignments", "/activities", "/coverage", "/monthly-reports", "/groups", "/problems", "/tips", "/committees", "/members", "/participation", "/audit"]) {
    await visit(page, path);
  }
  // The dashboard's ECharts draw SVG with inline styles after the page has loaded.
  await visit(page, "/dashboard");
  await expect(page.getByRole("img", { name: "按月趋势" }).locator("svg")).toBeVisible();
  expect(violations).toEqual([]);

  const findings: Finding[] = [];
  for (const { url, body } of served) findings.push(...scanClient(url, await body, [E2E_AUTH_SECRET]));
  expect(served.length).toBeGreaterThan(20);
  expect(findings).toEqual([]);

  // The watch is live: a script from another origin is refused and reported.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.src = "https://cdn.example.invalid/x.js";
    document.head.append(script);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});

test("a member's pages on a phone run under the policy", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const violations = await watchViolations(page);
  await signIn(page, ACCOUNTS.member.identifier);
  for (const path of ["/", "/activities", "/participation"]) await visit(page, path);
  expect(violations).toEqual([]);
});

test("the built client code holds no server secret, database URL or private key", () => {
  const staticDir = resolve(import.meta.dirname, "../../apps/web/.next/static");
  const files = readdirSync(staticDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(js|css|json|txt|html)$/.test(f.name));
  expect(files.length).toBeGreaterThan(10);
  const findings = files.flatMap((f) => {
    const path = join(f.parentPath, f.name);
    return scanClient(path, readFileSync(path, "utf8"), [E2E_AUTH_SECRET]);
  });
  expect(findings).toEqual([]);
});

test("the session and language cookies are HttpOnly and SameSite=Lax; over plain HTTP not Secure", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await signIn(page, ACCOUNTS.leader.identifier);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "authjs.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  const locale = cookies.find((c) => c.name === "NEXT_LOCALE");
  expect(locale).toMatchObject({ value: "en", httpOnly: true, sameSite: "Lax", secure: false });
  // Neither is readable by a script on the page.
  expect(await page.evaluate(() => document.cookie)).not.toMatch(/session-token|NEXT_LOCALE/);
});

test("a sign-in posted without the CSRF token and cookie is refused and signs nobody in", async ({ page, context }) => {
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { identifier: ACCOUNTS.leader.identifier, password: "Zhuzhou@2026", callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toContain("error=MissingCSRF");
  expect((await context.cookies()).some((c) => c.name.endsWith("session-token"))).toBe(false);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
