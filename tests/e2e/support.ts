import { expect, type Page } from "@playwright/test";

/** The password of every demo account (packages/db/src/seed/index.ts). */
export const DEMO_PASSWORD = "Zhuzhou@2026";

/**
 * The demo accounts the specs use. The database is shared by every test of a run: a test that
 * changes an account (its password) must use one no other test signs in with.
 */
export const ACCOUNTS = {
  leader: { identifier: "leader", name: "周立平" },
  cityStaff: { identifier: "citystaff", name: "刘晓燕" },
  liling: { identifier: "liling", name: "陈志刚" },
  zuoquan: { identifier: "zuoquan", name: "黄丽" },
  member: { identifier: "19900009001", name: "谭湘松" },
} as const;

/** The committee names of the seed: the city and its nine county-level committees. */
export const CITY_COMMITTEE = "株洲市政协";
export const COUNTY_COMMITTEES = ["荷塘区政协", "芦淞区政协", "石峰区政协", "天元区政协", "渌口区政协", "醴陵市政协", "攸县政协", "茶陵县政协", "炎陵县政协"] as const;
export const LILING_TOWNSHIPS = ["左权镇", "仙岳山街道", "来龙门街道", "浦口镇", "白兔潭镇"] as const;

/**
 * Signs the page's browser context in through the credentials callback, as the sign-in form
 * does, without rendering the form: page.request shares the context's cookies. Fails the test
 * when the server refuses (next-auth answers a refused sign-in with a redirect carrying `error=`).
 */
export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier, password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${identifier}`).toBe(302);
  const location = new URL(response.headers()["location"] ?? "", "http://relative.invalid");
  expect(location.searchParams.get("error"), `sign-in of ${identifier} refused (${location.searchParams.get("code")})`).toBeNull();
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("authjs.session-token")), `session cookie after signing in ${identifier}`).toBe(true);
}
