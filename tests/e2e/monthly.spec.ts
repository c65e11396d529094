import { expect, test } from "@playwright/test";
import { signIn } from "./support";

/**
 * Monthly tracking on the seeded demo data: the coverage matrix of the 2026 campaign (activities
 * March–November with gaps), and the monthly report of the month just ended, which the demo
 * leaves unwritten for 渌口区 (lukou). No other spec signs in as lukou or writes reports.
 */

/** The Shanghai calendar month of `now` shifted by `delta`, as "YYYY-MM". */
function shanghaiMonth(now: Date, delta = 0): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const index = local.getUTCFullYear() * 12 + local.getUTCMonth() + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
const zhMonth = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`;

test("the coverage matrix shows held and empty months of a county and opens a cell's activities", async ({ page }) => {
  await signIn(page, "leader");
  await page.goto("/coverage");
  await expect(page.getByRole("heading", { name: "月度覆盖" })).toBeVisible();
  await expect(page.getByLabel("统计范围")).toHaveValue(/^c\d+$/);

  // 荷塘区 held one activity on 12 April 2026 and none in May (a gap to chase).
  const april = page.getByRole("link", { name: "荷塘区政协，2026年4月：已开展 1 次" });
  const may = page.getByRole("link", { name: "荷塘区政协，2026年5月：未开展" });
  await expect(april).toBeVisible();
  await expect(may).toBeVisible();
  await expect(page.locator("td", { has: may })).toHaveAttribute("data-state", "gap");
  await expect(page.locator("td", { has: april })).toHaveAttribute("data-state", "held");
  // December has not begun: shown as such, not as a gap.
  await expect(page.getByLabel("荷塘区政协，2026年12月：未开始")).toBeVisible();

  // 醴陵市's row rolls in its townships; its breakdown shows them one by one.
  await page.getByRole("button", { name: "展开醴陵市政协下属单位" }).click();
  await expect(page.getByRole("rowheader", { name: /左权镇/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "左权镇，2026年4月：已开展 1 次" })).toBeVisible();

  await april.click();
  await expect(page).toHaveURL(/\/coverage\/activities\?campaign=\d+&committee=\d+&month=2026-04&scope=all$/);
  await expect(page.getByRole("heading", { name: "荷塘区政协及下辖乡镇（街道） · 2026年4月" })).toBeVisible();
  const row = page.getByRole("row", { name: /荷塘区板凳会：听取群众对黑臭水体整治的意见/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: "板凳会", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "荷塘区政协", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: /2026\/04\/12/ })).toBeVisible();

  await page.getByRole("link", { name: "返回月度覆盖" }).click();
  await page.getByRole("link", { name: "荷塘区政协，2026年5月：未开展" }).click();
  await expect(page.getByText("这个月没有已开展的监督活动")).toBeVisible();
});

test("a county writes and submits last month's report, read-only afterwards, and the city sees it submitted", async ({ browser }) => {
  // Two people, a dozen steps and three page loads: more than the default budget on a busy machine.
  test.setTimeout(90_000);
  const now = new Date();
  const month = shanghaiMonth(now, -1);
  // Due by the 5th of this month (the campaign's default): after that a submission is late.
  const dayInShanghai = new Date(now.getTime() + 8 * 3_600_000).getUTCDate();
  const expectedState = dayInShanghai <= 5 ? "已提交" : "逾期提交";
  const summary = `渌口区政协${zhMonth(month)}围绕渌江、湘江支流排污口整治开展专项民主监督（端到端 ${now.getTime()}）`;

  const countyContext = await browser.newContext();
  const county = await countyContext.newPage();
  await signIn(county, "lukou");
  await county.goto("/monthly-reports");
  const own = county.getByRole("list", { name: "本单位月报" });
  await own.getByRole("link", { name: new RegExp(`${zhMonth(month)}.*填写`) }).click();
  await expect(county.getByRole("heading", { name: `渌口区政协 · ${zhMonth(month)}月报` })).toBeVisible();

  // Pre-filled from the records: the count and a line per activity.
  const records = county.locator("section", { has: county.getByRole("heading", { name: "本月活动记录" }) }).getByRole("listitem");
  const held = await records.count();
  await expect(county.getByLabel("开展活动次数")).toHaveValue(String(held));
  if (held > 0) await expect(county.getByLabel("活动开展情况")).toHaveValue(/^1\. \d+月\d+日 /);

  // Submitting needs a summary and a plan: nothing is sent until they are there.
  await county.getByRole("button", { name: "提交月报" }).click();
  await expect(county.locator("#report-summary-error")).toHaveText("此项为必填项");
  await expect(county.locator("#report-nextPlan-error")).toHaveText("此项为必填项");

  await county.getByLabel("工作小结").fill(summary);
  await county.getByLabel("发现的问题").fill("渌江南洲段两处排污口标识不清，已交区生态环境分局核查。");
  await county.getByRole("button", { name: "保存草稿" }).click();
  await expect(county.getByText(/草稿已保存/)).toBeVisible();

  await county.reload();
  await expect(county.getByLabel("工作小结")).toHaveValue(summary);
  await county.getByLabel("下月工作计划").fill("组织委员对排污口整改情况开展回头看。");
  await county.getByRole("button", { name: "提交月报" }).click();
  const dialog = county.getByRole("dialog", { name: `提交${zhMonth(month)}月报？` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "确认提交" }).click();
  await expect(county.getByText("月报已提交")).toBeVisible();
  await expect(county.getByText(/不能再修改/)).toBeVisible();
  await expect(county.getByLabel("工作小结")).toHaveCount(0);
  await expect(county.getByText(summary)).toBeVisible();

  await county.reload();
  await expect(county.getByText(/本月报已于 .* 提交，不能再修改/)).toBeVisible();
  await expect(county.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
  await countyContext.close();

  const cityContext = await browser.newContext();
  const city = await cityContext.newPage();
  await signIn(city, "citystaff");
  await city.goto("/monthly-reports");
  await expect(city.getByLabel("月份")).toHaveValue(month);
  await expect(city.getByRole("heading", { name: `${zhMonth(month)}填报情况` })).toBeVisible();
  const row = city.locator('li[data-committee="渌口区政协"]');
  await expect(row.getByText(expectedState, { exact: true })).toBeVisible();
  await expect(row.getByText(/提交$/)).toBeVisible();
  // 天元区 has not written it: missing once the 5th has passed.
  await expect(city.locator('li[data-committee="天元区政协"]').getByText(dayInShanghai <= 5 ? "待提交" : "未提交", { exact: true })).toBeVisible();

  await row.getByRole("link", { name: "查看月报：渌口区政协" }).click();
  await expect(city.getByRole("heading", { name: `渌口区政协 · ${zhMonth(month)}月报` })).toBeVisible();
  await expect(city.getByText(summary)).toBeVisible();
  await expect(city.getByText("组织委员对排污口整改情况开展回头看。")).toBeVisible();
  await cityContext.close();
});
