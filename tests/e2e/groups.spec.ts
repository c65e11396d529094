import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

/**
 * Dispatched supervision, through the pages: the demo member 谭湘松, on a phone, records a visit
 * (with a photo) in his group at 醴陵市's 生态环境局 and raises an opinion from it; 醴陵市's staff
 * (liling) records the department's reply as adopted, and the group's adoption rate on the page
 * moves from its figure before to the one the formula gives after. What the test writes carries
 * a unique suffix; the rate is computed from the counts the page shows, so the test holds
 * whatever else was recorded in the group before it.
 */

const GROUP = "醴陵市政协派驻生态环境局民主监督小组";
/** A real 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** The page's own rule (components/groups/labels.ts): a percentage with at most one decimal, a dash when nothing is answered. */
function formatRate(adopted: number, answered: number): string {
  if (answered === 0) return "—";
  const percent = Math.round((adopted / answered) * 1000) / 10;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

async function as(browser: Browser, identifier: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await signIn(page, identifier);
  return page;
}

/** Waits until React has hydrated the element: a click on the server's HTML before then is lost. */
async function hydrated(locator: Locator): Promise<Locator> {
  await expect(locator).toBeVisible();
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { message: "hydrated" }).toBe(true);
  return locator;
}

/** The adoption figures on a group page: the rate shown and the counts it comes from. */
async function adoptionOf(page: Page) {
  const counts = (await page.getByTestId("adoption-counts").textContent()) ?? "";
  const match = /已答复 (\d+) 条：采纳 (\d+)、部分采纳 (\d+)、未采纳 (\d+)；待答复 (\d+) 条/.exec(counts);
  expect(match, `counts "${counts}"`).not.toBeNull();
  const [answered, adopted, partly, , unanswered] = match!.slice(1).map(Number) as [number, number, number, number, number];
  return { rate: (await page.getByTestId("adoption-rate").textContent())?.trim(), answered, adoptedOrPartly: adopted + partly, unanswered };
}

test("a supervisor records a visit and raises an opinion on a phone; the county records the reply as adopted and the rate updates", async ({ browser }) => {
  test.setTimeout(180_000);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const summary = `E2E走访${suffix}：走访渌江沿岸排污口，发现一处排污口标识牌缺失`;
  const title = `E2E意见${suffix} 补设排污口标识牌`;

  // ── The supervisor, on a 390 px phone ────────────────────────────────────────────────────
  const member = await as(browser, ACCOUNTS.member.identifier, { width: 390, height: 844 });
  await member.goto("/groups");
  await expect(member.getByRole("heading", { level: 1, name: "我的监督小组" })).toBeVisible();
  await (await hydrated(member.getByRole("link", { name: new RegExp(GROUP) }))).click();
  await expect(member.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
  const groupPath = new URL(member.url()).pathname;
  expect(groupPath).toMatch(/^\/groups\/\d+$/);

  await (await hydrated(member.getByRole("link", { name: "记录走访" }))).click();
  await expect(member.getByRole("heading", { level: 1, name: "记录走访" })).toBeVisible();
  await hydrated(member.getByRole("button", { name: "保存走访记录" }));
  await member.locator("label", { hasText: /^走访$/ }).click();
  await member.getByLabel("走访情况").fill(summary);
  await member.locator('input[type="file"]').setInputFiles({ name: "排污口现场.png", mimeType: "image/png", buffer: PNG });
  await expect(member.getByRole("link", { name: /排污口现场\.png/ })).toBeVisible();
  await member.getByRole("button", { name: "保存走访记录" }).click();
  await expect(member).toHaveURL(new RegExp(`${groupPath}\\?saved=visit$`));
  await expect(member.getByText("走访已记录")).toBeVisible();
  const visit = member.locator("li", { hasText: summary });
  await expect(visit).toBeVisible();
  await expect(visit.getByRole("link", { name: /排污口现场\.png/ })).toBeVisible();

  // An opinion from that visit.
  await (await hydrated(visit.getByRole("link", { name: "由此走访提出意见建议" }))).click();
  await expect(member.getByRole("heading", { level: 1, name: "提出意见建议" })).toBeVisible();
  await hydrated(member.getByRole("button", { name: "提交意见建议" }));
  await expect(member.getByLabel("来自走访（选填）").locator("option:checked")).toContainText(`E2E走访${suffix}`);
  await member.getByLabel("标题").fill(title);
  await member.getByLabel("具体内容").fill("建议对渌江沿岸缺失标识牌的排污口限期补设，并公开责任单位和监督电话。");
  await member.getByRole("button", { name: "提交意见建议" }).click();
  await expect(member).toHaveURL(new RegExp(`${groupPath}\\?saved=opinion$`));
  await expect(member.getByText("意见建议已提交，部门答复后会通知您")).toBeVisible();
  const raised = member.locator(`li[data-opinion="${title}"]`);
  await expect(raised.getByText("待答复", { exact: true })).toBeVisible();
  // No horizontal scrolling on the phone.
  expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // ── The county staff records the department's reply ──────────────────────────────────────
  const staff = await as(browser, ACCOUNTS.liling.identifier, { width: 1366, height: 850 });
  await staff.goto(groupPath);
  await expect(staff.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
  const before = await adoptionOf(staff);
  expect(before.unanswered).toBeGreaterThanOrEqual(1);
  expect(before.rate).toBe(formatRate(before.adoptedOrPartly, before.answered));
  const expected = formatRate(before.adoptedOrPartly + 1, before.answered + 1);

  const opinion = staff.locator(`li[data-opinion="${title}"]`);
  await (await hydrated(opinion.getByRole("button", { name: "登记答复" }))).click();
  const dialog = staff.getByRole("dialog", { name: "登记部门答复" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("答复内容").fill("已对缺失标识牌的排污口全部补设，并在政务网站公开排污口名录。");
  await dialog.locator("label", { hasText: /^采纳$/ }).click();
  await dialog.getByRole("button", { name: "保存答复" }).click();
  await expect(dialog).toBeHidden();
  await expect(staff.getByText(`已登记答复：${title}（采纳）`)).toBeVisible();
  await expect(opinion.getByText("采纳", { exact: true })).toBeVisible();
  await expect(staff.getByTestId("adoption-rate")).toHaveText(expected);
  const after = await adoptionOf(staff);
  expect(after).toEqual({ rate: expected, answered: before.answered + 1, adoptedOrPartly: before.adoptedOrPartly + 1, unanswered: before.unanswered - 1 });

  // The supervisor sees the reply.
  await member.goto(groupPath);
  await expect(member.locator(`li[data-opinion="${title}"]`).getByText("已对缺失标识牌的排污口全部补设", { exact: false })).toBeVisible();
  await expect(member.getByTestId("adoption-rate")).toHaveText(expected);
});
