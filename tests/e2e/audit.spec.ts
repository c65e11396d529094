import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

/**
 * The audit log as city staff use it: filter by who and what, read a change field by field,
 * page back, and a refused date range. Read-only: `citystaff` changes nothing, so specs running
 * beside this one are not disturbed (they only add newer entries, which the filters keep out).
 */
test("city staff filter the audit log and read what changed", async ({ page }) => {
  await signIn(page, ACCOUNTS.cityStaff.identifier);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "操作日志" })).toBeVisible();

  const entries = page.locator("li[data-audit-event]");
  await expect(entries.first()).toBeVisible();

  // Older entries load under the first 30, none twice.
  await expect(page.getByText("已显示 30 条记录")).toBeVisible();
  await page.getByRole("button", { name: "加载更早的记录" }).click();
  await expect(page.getByText(/已显示 (3[1-9]|[4-9]\d|\d{3,}) 条记录/)).toBeVisible();
  const ids = await entries.evaluateAll((els) => els.map((el) => el.getAttribute("data-audit-event")));
  expect(new Set(ids).size).toBe(ids.length);

  // Who: 醴陵市's 陈志刚; what: assignments. The filters go into the URL.
  const filters = page.getByRole("form", { name: "筛选条件" });
  await filters.getByLabel("操作人").fill("陈志刚");
  await filters.getByLabel("对象类型").selectOption({ label: "任务办理" });
  await filters.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/actor=%E9%99%88%E5%BF%97%E5%88%9A/);
  await expect(page).toHaveURL(/type=assignment/);
  await expect(entries.first()).toContainText("陈志刚");
  const shown = await entries.allInnerTexts();
  expect(shown.length).toBeGreaterThan(0);
  for (const text of shown) {
    expect(text).toContain("陈志刚");
    expect(text).toContain("任务办理");
  }

  // An acceptance: the status row is marked changed, 待签收 → 已签收.
  const accepted = entries.filter({ hasText: "签收任务" }).first();
  await expect(accepted).toBeVisible();
  const status = accepted.locator('tr[data-change="changed"]').filter({ hasText: "状态" });
  await expect(status).toContainText("待签收");
  await expect(status).toContainText("已签收");

  // The record opens from the log.
  const link = accepted.getByRole("link", { name: /^#\d+$/ });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/assignments\/\d+$/);

  // An end before the start is refused on the field, and nothing is listed.
  await filters.getByLabel("开始日期").fill("2026-06-30");
  await filters.getByLabel("结束日期").fill("2026-06-01");
  await filters.getByRole("button", { name: "筛选" }).click();
  await expect(filters.getByText("结束日期不能早于开始日期")).toBeVisible();
  await expect(filters.getByLabel("结束日期")).toHaveAttribute("aria-invalid", "true");

  // Clearing the filters brings back everyone's entries.
  await page.getByRole("button", { name: "清除筛选" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByText("已显示 30 条记录")).toBeVisible();
});
