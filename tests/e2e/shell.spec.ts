import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "./support";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 850 };

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("the menu button opens the drawer with the navigation and sign-out", async ({ page }) => {
    await signIn(page, ACCOUNTS.leader.identifier);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "周立平，您好" })).toBeVisible();
    // No sidebar on a phone: navigation and sign-out are behind the menu button.
    await expect(page.getByRole("button", { name: "退出登录" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();

    const menu = page.getByRole("button", { name: "菜单" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    const drawer = page.getByRole("dialog", { name: "菜单" });
    await expect(drawer).toBeVisible();
    const nav = drawer.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link")).toHaveText(["工作台", "数据看板", "专项", "任务", "监督活动", "月度覆盖", "月报", "派驻监督", "问题清单", "举报线索", "组织架构", "委员名册", "履职积分"]);
    await expect(nav.getByRole("link", { name: "工作台" })).toHaveAttribute("aria-current", "page");
    await expect(drawer.getByRole("button", { name: "退出登录" })).toBeVisible();
    await expect(drawer.getByRole("link", { name: "修改密码" })).toBeVisible();

    // Following a link closes the drawer.
    await nav.getByRole("link", { name: "组织架构" }).click();
    await expect(page).toHaveURL("/committees");
    await expect(page.getByRole("heading", { level: 1, name: "组织架构" })).toBeVisible();
    await expect(drawer).toBeHidden();

    // So does the close button.
    await menu.click();
    await expect(drawer).toBeVisible();
    await drawer.getByRole("button", { name: "关闭菜单" }).last().click();
    await expect(drawer).toBeHidden();
  });
});

test("the language switch turns the interface to English and back", async ({ page }) => {
  await signIn(page, ACCOUNTS.zuoquan.identifier);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "黄丽，您好" })).toBeVisible();
  await expect(page.getByRole("button", { name: "中文" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Home" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Hello, 黄丽" })).toBeVisible();
  await expect(page.getByRole("button", { name: "退出登录" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  // The choice is a cookie: it survives a reload.
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "工作台" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "黄丽，您好" })).toBeVisible();
});

test("an unknown address shows the Chinese 404 page", async ({ page }) => {
  await signIn(page, ACCOUNTS.zuoquan.identifier);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByText("您访问的页面不存在，或已被移除。")).toBeVisible();
  await page.getByRole("link", { name: "返回工作台" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "黄丽，您好" })).toBeVisible();
});

async function fillPasswordForm(page: Page, current: string, next: string, confirm = next) {
  await page.getByLabel("当前密码").fill(current);
  await page.getByLabel("新密码", { exact: true }).fill(next);
  await page.getByLabel("确认新密码").fill(confirm);
  await page.getByRole("button", { name: "保存新密码" }).click();
}

test("a new password shorter than 10 characters is refused with a Chinese field error", async ({ page }) => {
  await signIn(page, ACCOUNTS.zuoquan.identifier);
  await page.goto("/account/password");
  await expect(page.getByRole("heading", { level: 1, name: "修改密码" })).toBeVisible();

  await fillPasswordForm(page, DEMO_PASSWORD, "abcdefghi");
  const newPassword = page.getByLabel("新密码", { exact: true });
  await expect(newPassword).toHaveAttribute("aria-invalid", "true");
  await expect(newPassword).toHaveAccessibleDescription("新密码至少需要 10 个字符");
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByLabel("当前密码")).toHaveAttribute("aria-invalid", "false");
});

/**
 * Accounts no other spec signs in with, for the one test that changes a password (the other
 * county accounts each serve some journey: tasks, roster, monthly reports, exports, problems).
 */
const SPARE_ACCOUNTS = [
  ["lusong", "芦淞区政协办公室"],
  ["tianyuan", "天元区政协办公室"],
  ["pukou", "罗小军"],
  ["baitutan", "贺静"],
] as const;

test("a password change takes effect for the next sign-in", async ({ page, browser }, testInfo) => {
  // The only test that changes a password. A retry (or --repeat-each) runs against the same
  // database, where the first attempt may already have changed it: each attempt takes its own account.
  const [account, displayName] = SPARE_ACCOUNTS[(testInfo.repeatEachIndex * (testInfo.project.retries + 1) + testInfo.retry) % SPARE_ACCOUNTS.length]!;
  const newPassword = "株洲 2026 新密码";
  await signIn(page, account);
  await page.goto("/account/password");
  await fillPasswordForm(page, DEMO_PASSWORD, newPassword);
  // A password change ends every session, this one included.
  await expect(page).toHaveURL("/login?notice=passwordChanged");
  await expect(page.getByRole("status")).toHaveText("密码已修改，所有设备上的登录均已退出，请使用新密码重新登录");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  const fresh = await browser.newPage();
  try {
    await signIn(fresh, account, newPassword);
    await fresh.goto("/");
    await expect(fresh.getByRole("heading", { level: 1, name: `${displayName}，您好` })).toBeVisible();
  } finally {
    await fresh.close();
  }
});

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate(() => document.fonts.ready);
  const dir = join(testInfo.project.outputDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
  // Nothing sticks out sideways (a horizontal scrollbar on a phone is a layout bug).
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: page wider than the viewport`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

for (const [label, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test(`screenshots of the sign-in page and the city leader's home (${label})`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "登录", exact: true })).toBeVisible();
    await expect(page.getByText("专项民主监督协同平台").first()).toBeVisible();
    await shoot(page, testInfo, `login-${label}`);

    await signIn(page, ACCOUNTS.leader.identifier);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "周立平，您好" })).toBeVisible();
    await expect(page.getByText("醴陵市政协")).toBeVisible();
    await shoot(page, testInfo, `home-${label}`);
  });
}
