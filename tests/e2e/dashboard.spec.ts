import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { ACCOUNTS, COUNTY_COMMITTEES, signIn } from "./support";

/**
 * 数据看板 and 月度工作简报 on the seeded demo data, as the city leader and as 荷塘区 (hetang,
 * read-only here). The figures asserted are the ones the seed fixes whatever the date: the 2023
 * campaign (finished as it was), April 2026 (in the past), and the tasks and activities of the
 * 2026 campaign, which packages/db/src/seed/{campaign,activity}.ts date absolutely. Other specs
 * add activities today in 醴陵市 and tasks in a campaign of their own, never in these.
 */

const CAMPAIGN_2026 = "2026年“改善生态环境”专项民主监督";
const CAMPAIGN_2023 = "2023年“改善生态环境”专项民主监督";

/** Today in China, as the API compares deadlines. */
const chinaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

/**
 * The seed's held activities of a county in the 2026 campaign (seed/activity.ts): one a month
 * from March to November, skipping the month when (index + month) % 5 is 0, November for odd
 * indexes, and November days after the 21st.
 */
function seededCountyActivities(index: number): { month: number; day: number }[] {
  const out: { month: number; day: number }[] = [];
  for (let month = 3; month <= 11; month++) {
    if ((index + month) % 5 === 0 || (month === 11 && index % 2 === 1)) continue;
    const day = 8 + ((index * 3 + month) % 15);
    if (month === 11 && day > 21) continue;
    out.push({ month, day });
  }
  return out;
}

async function as(browser: Browser, identifier: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, identifier);
  return page;
}

/** The id of a campaign, from the picker's options. */
async function campaignId(page: Page, title: string): Promise<string> {
  const value = await page.getByLabel("专项", { exact: true }).locator("option", { hasText: title }).getAttribute("value");
  expect(value, `campaign ${title}`).toBeTruthy();
  return value!;
}

const figure = (page: Page, id: string): Locator => page.locator(`[data-figure="${id}"]`).first();
const cell = (page: Page, committee: string, id: string): Locator => page.locator(`tr[data-committee="${committee}"] td[data-figure="${id}"]`);

test("the city leader's dashboard: April 2026 across the city, county by county", async ({ browser }) => {
  const page = await as(browser, ACCOUNTS.leader.identifier);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "数据看板" })).toBeVisible();

  // The GET form: choose the 2026 campaign, then April.
  await page.getByLabel("专项", { exact: true }).selectOption({ label: CAMPAIGN_2026 });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`campaign=${await campaignId(page, CAMPAIGN_2026)}`));
  await page.getByLabel("月份").selectOption({ label: "2026年4月" });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/month=2026-04/);
  await expect(page.getByText("株洲市政协 · " + CAMPAIGN_2026)).toBeVisible();
  // When the figures were computed (they may come from the per-process cache): a moment ago, in Beijing time.
  const computedAt = page.getByTestId("computed-at");
  await expect(computedAt).toHaveText(/^数据更新于 \d{2}:\d{2}:\d{2}$/);
  expect(Math.abs(Date.parse((await computedAt.getAttribute("datetime"))!) - Date.now())).toBeLessThan(120_000);

  // April: every county but 芦淞区 and 攸县 (indexes 1 and 6: (i + 4) % 5 = 0) held one; 茶陵县
  // a second (19 April, from the source reports); 醴陵市's three townships one each.
  const counties = COUNTY_COMMITTEES.map((name, index) => ({ name, activities: seededCountyActivities(index) }));
  const inApril = counties.reduce((n, c) => n + c.activities.filter((a) => a.month === 4).length, 0);
  expect(inApril).toBe(7);
  await expect(figure(page, "activitiesInMonth").locator("dd").first()).toHaveText(String(inApril + 1 + 3));
  await expect(figure(page, "coverage").locator("dd").first()).toHaveText("7/9");
  await expect(cell(page, "芦淞区政协", "activitiesInMonth")).toHaveText("0");
  await expect(cell(page, "攸县政协", "activitiesInMonth")).toHaveText("0");
  await expect(cell(page, "茶陵县政协", "activitiesInMonth")).toHaveText("2");
  await expect(cell(page, "醴陵市政协", "activitiesInMonth")).toHaveText("4");

  // The breakdown: the city's own row, the nine counties in order, the total.
  await expect(page.locator("tbody tr[data-committee]")).toHaveCount(11);
  await expect(page.locator("tbody tr[data-committee] th")).toHaveText(["株洲市政协（本级）", ...COUNTY_COMMITTEES, "合计"]);

  // 荷塘区: its activities of the campaign, and its one task of 2026 (accepted, then in progress,
  // due 20 December 2026).
  await expect(cell(page, "荷塘区政协", "activities")).toHaveText(String(counties[0]!.activities.length));
  await expect(cell(page, "荷塘区政协", "tasks")).toHaveText("1");
  await expect(cell(page, "荷塘区政协", "approved")).toHaveText("0");
  await expect(cell(page, "荷塘区政协", "overdue")).toHaveText(chinaToday() > "2026-12-20" ? "1" : "0");
  await expect(cell(page, "攸县政协", "activities")).toHaveText(String(counties[6]!.activities.length));

  // The charts load after the page (ECharts, lazily, as each comes near the screen) and draw in
  // SVG; the numbers were there before.
  for (const name of ["按月趋势", "各单位专项累计活动和发现问题"]) {
    const chart = page.getByRole("img", { name });
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator("svg")).toBeVisible();
  }
  await expect(page.locator('tr[data-month="2026-04"] td[data-figure="activities"]')).toHaveText(String(inApril + 1 + 3));
});

test("the 2023 campaign as it was: 14 inspectorate problems, 13 closed", async ({ browser }) => {
  const page = await as(browser, ACCOUNTS.leader.identifier);
  await page.goto("/dashboard");
  await page.goto(`/dashboard?campaign=${await campaignId(page, CAMPAIGN_2023)}`);
  // A finished campaign opens on its last month.
  await expect(page.getByRole("heading", { name: "2023年12月情况" })).toBeVisible();
  await expect(figure(page, "closure").locator("dd").first()).toHaveText("92.9%");
  await expect(figure(page, "closure")).toContainText("发现 14 件，已销号 13 件，整改逾期 1 件");
  await expect(figure(page, "tasks").locator("dd").first()).toHaveText("6");
  await expect(figure(page, "tasks")).toContainText("已办结 6 · 逾期 0");
  // Nobody reported in 2023 (the platform did not exist): nine counties and forty townships.
  await expect(figure(page, "reportsMissing").locator("dd").first()).toHaveText("49");

  // Found in June, closed in July; the tasks approved thirty days after they were sent.
  await expect(page.locator('tr[data-month="2023-06"] td[data-figure="problemsFound"]')).toHaveText("14");
  await expect(page.locator('tr[data-month="2023-07"] td[data-figure="problemsClosed"]')).toHaveText("13");
  await expect(page.locator('tr[data-month="2023-05"] td[data-figure="tasksApproved"]')).toHaveText("3");
  await expect(page.locator('tr[data-month="2023-06"] td[data-figure="tasksApproved"]')).toHaveText("3");

  // 茶陵县: 洣江街道's sewage (closed) and its landfill (still being rectified, overdue).
  await expect(cell(page, "茶陵县政协", "problems")).toHaveText("2");
  await expect(cell(page, "茶陵县政协", "closed")).toHaveText("1");
  await expect(cell(page, "茶陵县政协", "problemsOverdue")).toHaveText("1");
  await expect(cell(page, "茶陵县政协", "closure")).toHaveText("50%");
  await expect(cell(page, "石峰区政协", "closure")).toHaveText("100%");
  await expect(cell(page, "total", "problems")).toHaveText("14");
});

test("a county's dashboard: 荷塘区 and its townships, nobody else", async ({ browser }) => {
  const page = await as(browser, "hetang");
  await page.goto("/dashboard");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "数据看板" })).toHaveAttribute("aria-current", "page");
  await page.goto(`/dashboard?campaign=${await campaignId(page, CAMPAIGN_2026)}&month=2026-04`);
  await expect(page.getByText("荷塘区政协 · " + CAMPAIGN_2026)).toBeVisible();
  await expect(page.getByRole("heading", { name: "分乡镇（街道）情况" })).toBeVisible();
  await expect(page.locator("tbody tr[data-committee] th")).toHaveText(["荷塘区政协（本级）", "月塘街道", "宋家桥街道", "茨菇塘街道", "仙庾镇", "合计"]);
  await expect(page.locator("main")).not.toContainText("醴陵市");
  await expect(page.locator("main")).not.toContainText("芦淞区");

  // 12 April 2026: 荷塘区's own; its townships held none, so April covers 0 of 4.
  await expect(figure(page, "activitiesInMonth").locator("dd").first()).toHaveText("1");
  await expect(figure(page, "coverage").locator("dd").first()).toHaveText("0/4");
  await expect(cell(page, "total", "activities")).toHaveText(String(seededCountyActivities(0).length));
  await expect(figure(page, "tasks").locator("dd").first()).toHaveText("1");
  await expect(page.locator('[data-figure="tasksByStatus"]')).toContainText("进行中1");
});

test("the monthly briefing: an A4 document that prints without the shell; a county briefs only its own", async ({ browser }) => {
  const page = await as(browser, "hetang");
  await page.goto("/dashboard");
  const campaign = await campaignId(page, CAMPAIGN_2026);
  await page.goto(`/dashboard/briefing?campaign=${campaign}&month=2026-04`);
  await expect(page.getByRole("heading", { level: 1, name: "荷塘区政协2026年4月月度工作简报" })).toBeVisible();
  await expect(page.getByRole("row", { name: /荷塘区板凳会：听取群众对黑臭水体整治的意见/ })).toBeVisible();
  // The month's reports: the four townships (no liaison accounts: never written) and 荷塘区 itself.
  await expect(page.locator("article li[data-committee]")).toHaveCount(5);
  await expect(page.locator('article li[data-committee="月塘街道"]')).toContainText("未提交");

  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  await expect(page.getByLabel("月份")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "荷塘区政协2026年4月月度工作简报" })).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "打印" })).toBeVisible();

  // A sibling county (醴陵市, whose id the city sees in its picker) is not 荷塘区's to brief.
  const leader = await as(browser, ACCOUNTS.leader.identifier);
  await leader.goto(`/dashboard/briefing?campaign=${campaign}&month=2026-04`);
  const liling = await leader.getByLabel("单位").locator("option", { hasText: "醴陵市政协" }).getAttribute("value");
  await leader.goto(`/dashboard/briefing?campaign=${campaign}&committee=${liling}&month=2026-04`);
  await expect(leader.getByRole("heading", { level: 1, name: "醴陵市政协2026年4月月度工作简报" })).toBeVisible();
  await page.goto(`/dashboard/briefing?campaign=${campaign}&committee=${liling}&month=2026-04`);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByText("醴陵市政协2026年4月月度工作简报")).toHaveCount(0);
});
