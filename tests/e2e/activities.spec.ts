import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

/**
 * The activity journey through the pages: 醴陵市's staff organise an activity that starts now;
 * the demo member, on a phone, finds it, signs up and checks in through the link of the
 * organiser's QR code; the organiser sees them present, writes the record and marks it held, and
 * the month fills on the coverage matrix. The member's calendar feed then lists it. The title carries a unique suffix, so the spec
 * shares the database with the other specs safely.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 850 };

/** A signed-in page of its own (own cookies) for one account. */
async function as(browser: Browser, identifier: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await signIn(page, identifier);
  return page;
}

/** Waits until React has hydrated the element: a click on server HTML before then would be lost. */
async function hydrated(locator: Locator): Promise<Locator> {
  await expect(locator).toBeVisible();
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { message: "hydrated" }).toBe(true);
  return locator;
}

/** 醴陵市's own cell of this month on the coverage matrix (the current campaign, as the page opens). */
function ownCellThisMonth(page: Page): Locator {
  const [year, month] = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(new Date()).split("-");
  return page.getByRole("link", { name: new RegExp(`^醴陵市政协（本级），${year}年${Number(month)}月：`) });
}

/** A moment `minutes` from now as <input type="datetime-local"> takes it, in China's time. */
function localInput(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(at).replace(" ", "T");
}

test("an activity is organised, joined on a phone, checked in by QR link, recorded and held", async ({ browser }) => {
  test.setTimeout(180_000);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const title = `渌江入河排污口现场调研 ${suffix}`;

  // 1. County staff organise it through the form: it started five minutes ago, so check-in is open.
  const staff = await as(browser, ACCOUNTS.liling.identifier);
  await staff.goto("/coverage");
  const heldBefore = Number(await ownCellThisMonth(staff).textContent());
  await staff.goto("/activities/new");
  await expect(staff.getByRole("heading", { level: 1, name: "组织监督活动" })).toBeVisible();
  await (await hydrated(staff.getByLabel("活动形式"))).selectOption({ label: "调研" });
  await staff.getByLabel("活动名称").fill(title);
  await staff.getByLabel("开始时间").fill(localInput(-5));
  await staff.getByLabel("结束时间").fill(localInput(120));
  await staff.getByLabel("地点").fill("醴陵市渌江大桥东侧");
  await expect(staff.getByLabel("组织者")).toHaveValue("醴陵市政协");
  await staff.getByLabel("名额").fill("20");
  await staff.getByLabel("报名截止").fill(localInput(60));
  await expect(staff.getByRole("radio", { name: "本级及下级全部委员" })).toBeChecked();
  await staff.getByRole("button", { name: "发布活动" }).click();
  await expect(staff).toHaveURL(/\/activities\/\d+$/, { timeout: 20_000 });
  const activityPath = new URL(staff.url()).pathname;
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(staff.getByTestId("activity-counts")).toHaveText("已报名 0 人 · 候补 0 人 · 已到场 0 人");

  // 2. The member, on a phone, finds it among the open activities and signs up.
  const member = await as(browser, ACCOUNTS.member.identifier, PHONE);
  await member.goto("/activities");
  await expect(member.getByRole("tab", { name: "可报名" })).toHaveAttribute("aria-selected", "true");
  const card = member.getByTestId("member-activity").filter({ hasText: title });
  await (await hydrated(card)).click();
  await expect(member).toHaveURL(new RegExp(`${activityPath}$`));
  await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await (await hydrated(member.getByRole("button", { name: "我要报名" }))).click();
  await expect(member.getByText("报名成功")).toBeVisible();
  await expect(member.getByTestId("my-status")).toContainText("您已报名");

  // 3. The organiser opens the QR screen; its link carries the rotating token.
  await staff.goto(`${activityPath}/qr`);
  const link = staff.getByTestId("check-in-url");
  await expect(link).toBeVisible({ timeout: 20_000 });
  await expect(staff.getByText("已签到 0 / 1 人")).toBeVisible();
  const url = await link.getAttribute("data-url");
  expect(url).toMatch(/\/activities\/check-in\?a=\d+&t=\d+\.[\w-]+$/);

  // 4. The member's phone opens the link (as the camera would) and is checked in; again changes nothing.
  await member.goto(url!);
  const result = member.getByTestId("check-in-result");
  await expect(result).toHaveAttribute("data-state", "ok", { timeout: 20_000 });
  await expect(result).toContainText("签到成功");
  await member.goto(url!);
  await expect(result).toHaveAttribute("data-state", "already", { timeout: 20_000 });
  await expect(result).toContainText("您已签到");

  // A forged token is refused with a clear message.
  await member.goto(url!.replace(/t=[^&]+$/, "t=1.AAAAAAAAAAAAAAAAAAAAAA"));
  await expect(result).toHaveAttribute("data-state", "error", { timeout: 20_000 });
  await expect(result).toContainText("签到二维码无效");

  // 5. The organiser sees the member present (the QR screen counts them too).
  await expect(staff.getByText("已签到 1 / 1 人")).toBeVisible({ timeout: 20_000 });
  await staff.goto(activityPath);
  const row = staff.locator(`[data-testid="registration"][data-member="${ACCOUNTS.member.name}"]`);
  await expect(row).toContainText("出席");
  await expect(row).toContainText("扫码");
  await expect(staff.getByTestId("activity-counts")).toHaveText("已报名 1 人 · 候补 0 人 · 已到场 1 人");

  // 6. The record, and held.
  await (await hydrated(staff.getByRole("link", { name: "活动记录" }))).click();
  await expect(staff).toHaveURL(new RegExp(`${activityPath}/record$`));
  await (await hydrated(staff.getByLabel("活动纪要"))).fill("现场查看入河排污口三处，听取生态环境分局情况介绍。");
  await staff.getByLabel("发现的问题").fill("一处排污口标识不清\n沿岸垃圾清运不及时");
  await staff.getByLabel("提出意见建议（条）").fill("3");
  await expect(staff.getByRole("checkbox", { name: /同时标记为“已举办”/ })).toBeChecked();
  await staff.getByRole("button", { name: "保存记录" }).click();
  await expect(staff).toHaveURL(new RegExp(`${activityPath}$`), { timeout: 20_000 });
  await expect(staff.getByText("一处排污口标识不清")).toBeVisible();
  await expect(staff.getByText("已举办").first()).toBeVisible();
  await expect(staff.getByRole("link", { name: "编辑" })).toHaveCount(0);

  // 7. The month is filled on the coverage matrix, and its cell lists the activity.
  await staff.goto("/coverage");
  const cell = ownCellThisMonth(staff);
  await expect(cell).toHaveText(String(heldBefore + 1));
  await expect(staff.locator("td", { has: cell })).toHaveAttribute("data-state", "held");
  await (await hydrated(cell)).click();
  await expect(staff.getByRole("row", { name: new RegExp(title) })).toBeVisible();

  // 8. The member's calendar feed lists it; an unknown feed is a 404.
  await member.goto("/activities?view=mine");
  await expect(member.getByTestId("member-activity").filter({ hasText: title })).toContainText("出席");
  const feedButton = member.getByRole("button", { name: "获取订阅链接" });
  if (await feedButton.isVisible()) await (await hydrated(feedButton)).click();
  const feed = await member.getByTestId("calendar-url").textContent();
  expect(feed).toMatch(/\/api\/calendar\/[\w-]+\.ics$/);
  const ics = await member.request.get(feed!);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect((await ics.text()).replace(/\r\n[ \t]/g, "")).toContain(`SUMMARY:${title}`);
  expect((await member.request.get("/api/calendar/nobody-has-this-token-000000.ics")).status()).toBe(404);

  await staff.context().close();
  await member.context().close();
});
