import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

/**
 * The task journey of issue 3, through the pages: the city leader sends a task to two counties;
 * both accept; 醴陵市 reports it complete with a photo, the city returns it with a reason,
 * 醴陵市 reports again and the city approves. A second task goes from 醴陵市 down to 左权镇,
 * whose liaison reports; the county approves it and sees it roll up. Everything it creates
 * carries a unique suffix, so it shares the database with the other specs safely.
 */

// A phone would do too; the desktop layout shows the county table of the task list.
test.use({ viewport: { width: 1366, height: 850 } });

const HETANG = "hetang";
/** A real 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** A calendar day in China, `days` from today, as the date inputs take it. */
function chinaDate(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + days * 86_400_000));
}

/** A signed-in page of its own (own cookies) for one account. */
async function as(browser: Browser, identifier: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await signIn(page, identifier);
  return page;
}

/**
 * Waits until React has hydrated the element (attached its handlers). Right after a page load
 * the server's HTML is already on screen: a click or a chosen file before then would be lost.
 */
async function hydrated(locator: Locator): Promise<Locator> {
  await expect(locator).toBeVisible();
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { message: "hydrated" }).toBe(true);
  return locator;
}

/** The row of one committee on the task page. */
const countyRow = (page: Page, name: string) => page.locator(`li[data-committee="${name}"]`).first();

/** Confirms the open dialog with its confirm button. */
async function confirmIn(dialog: Locator, button: string) {
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Opens a task from the inbox by its title and returns the assignment page's path. */
async function openFromInbox(page: Page, title: string): Promise<string> {
  await page.goto(`/assignments?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("heading", { level: 1, name: "任务收件箱" })).toBeVisible();
  await (await hydrated(page.getByRole("link", { name: title }).first())).click();
  await expect(page).toHaveURL(/\/assignments\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function accept(page: Page) {
  await (await hydrated(page.getByRole("button", { name: "签收", exact: true }))).click();
  await expect(page.getByText("已签收，可以开始办理并报告进展")).toBeVisible();
  await expect(page.getByRole("button", { name: "上报完成" })).toBeVisible();
}

/** 上报完成 with a text (and files already chosen), through the confirmation. */
async function reportComplete(page: Page, text: string) {
  await (await hydrated(page.getByLabel("进展情况"))).fill(text);
  await page.getByRole("button", { name: "上报完成" }).click();
  await confirmIn(page.getByRole("dialog", { name: "确认上报完成？" }), "确认上报");
  await expect(page.getByText("已上报完成，等待审核")).toBeVisible();
}

test("a task goes to two counties, is returned and approved; a township's part rolls up to its county", async ({ browser }) => {
  test.setTimeout(240_000);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const campaignTitle = `E2E专项 ${suffix}`;
  const taskTitle = `对洣水河排污治理情况进行踏察监督 ${suffix}`;
  const secondTitle = `对河长制贯彻实施情况进行专项视察 ${suffix}`;
  const deadline = chinaDate(30);

  const leader = await as(browser, ACCOUNTS.leader.identifier);
  const liling = await as(browser, ACCOUNTS.liling.identifier);
  const hetang = await as(browser, HETANG);
  const zuoquan = await as(browser, ACCOUNTS.zuoquan.identifier);

  let campaignPath = "";
  await test.step("the city leader creates a campaign with the default focus areas and methods", async () => {
    await leader.goto("/campaigns/new");
    await expect(leader.getByRole("heading", { level: 1, name: "新建专项" })).toBeVisible();
    await (await hydrated(leader.getByLabel("专项名称"))).fill(campaignTitle);
    await leader.getByLabel("主题").fill("改善生态环境");
    await leader.getByLabel("开始日期").fill(chinaDate(-1));
    await leader.getByLabel("结束日期").fill(chinaDate(200));
    // The six focus areas and five methods are filled in already.
    await expect(leader.getByRole("textbox", { name: "监督内容第 1 项" })).toHaveValue("重要指示精神贯彻落实情况");
    await expect(leader.getByRole("textbox", { name: "监督方式第 5 项" })).toHaveValue("举报式监督");
    await leader.getByRole("combobox", { name: `${ACCOUNTS.leader.name}在领导小组中的职务` }).selectOption({ label: "组长" });
    await leader.getByRole("button", { name: "创建专项" }).click();
    await expect(leader).toHaveURL(/\/campaigns\/\d+$/);
    campaignPath = new URL(leader.url()).pathname;
    await expect(leader.getByRole("heading", { level: 1, name: campaignTitle })).toBeVisible();
    await expect(leader.getByText("生态环保决策部署贯彻落实情况")).toBeVisible();
    await expect(leader.getByText("组长")).toBeVisible();
  });

  let taskPath = "";
  await test.step("the leader sends a task to 醴陵市政协 and 荷塘区政协", async () => {
    await leader.goto(`/tasks/new?campaign=${campaignPath.split("/").pop()}`);
    await expect(leader.getByRole("heading", { level: 1, name: "下发任务" })).toBeVisible();
    await expect(leader.getByLabel("所属专项")).toHaveValue(campaignPath.split("/").pop()!);
    await (await hydrated(leader.getByLabel("任务名称"))).fill(taskTitle);
    await leader.getByLabel("任务说明").fill("实地踏察洣水河沿线排污口整治情况，形成监督报告。");
    await leader.getByLabel("监督内容").selectOption({ label: "环保责任落实情况和法律法规执行情况" });
    await leader.getByLabel("监督方式").selectOption({ label: "定向式监督" });
    await leader.getByLabel("截止日期").fill(deadline);
    await leader.getByLabel("责任领导").selectOption({ index: 1 });
    await leader.getByRole("checkbox", { name: "醴陵市政协" }).check();
    await leader.getByRole("checkbox", { name: "荷塘区政协" }).check();
    await leader.getByRole("button", { name: "下发任务" }).click();
    await expect(leader).toHaveURL(/\/tasks\/\d+$/);
    taskPath = new URL(leader.url()).pathname;
    await expect(leader.getByRole("heading", { level: 1, name: taskTitle })).toBeVisible();
    await expect(countyRow(leader, "醴陵市政协")).toContainText("待签收");
    await expect(countyRow(leader, "荷塘区政协")).toContainText("待签收");
    await expect(leader.locator("li[data-committee]")).toHaveCount(2);

    // The task list shows it with two counties waiting to accept.
    await leader.goto(`/tasks?q=${encodeURIComponent(suffix)}`);
    const row = leader.getByRole("row").filter({ hasText: taskTitle });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(2)).toHaveText("2");
    await expect(row.getByRole("cell").nth(3)).toHaveText("2");
  });

  let lilingPath = "";
  await test.step("both counties hear of it and accept", async () => {
    await liling.goto("/notifications");
    await expect(liling.getByRole("button").filter({ hasText: taskTitle }).first()).toContainText("收到新任务");
    lilingPath = await openFromInbox(liling, taskTitle);
    await expect(liling.getByText("待签收", { exact: true }).first()).toBeVisible();
    await accept(liling);

    await openFromInbox(hetang, taskTitle);
    await accept(hetang);

    await leader.goto(taskPath);
    await expect(countyRow(leader, "醴陵市政协")).toContainText("已签收");
    await expect(countyRow(leader, "荷塘区政协")).toContainText("已签收");
  });

  await test.step("醴陵市 reports 100% with a photo", async () => {
    await liling.goto(lilingPath);
    await (await hydrated(liling.locator('input[type="file"]'))).setInputFiles({ name: "洣水河排污口现场.png", mimeType: "image/png", buffer: PNG });
    await expect(liling.getByRole("list", { name: "已上传的附件" }).getByText("洣水河排污口现场.png")).toBeVisible();
    await reportComplete(liling, "已完成洣水河沿线12个排污口的实地踏察，形成问题清单3条。");
    await expect(liling.getByText("已上报，等待株洲市政协审核")).toBeVisible();
    // The report and its photo are on the timeline.
    const timeline = liling.locator("li[data-event=reported]");
    await expect(timeline).toContainText("已完成洣水河沿线12个排污口的实地踏察");
    await expect(timeline.getByRole("link", { name: /洣水河排污口现场\.png/ })).toBeVisible();
  });

  const reason = "问题清单缺少整改责任单位和时限，请补充后重新上报。";
  await test.step("the city returns it with a reason, after confirming", async () => {
    await leader.goto(taskPath);
    const row = countyRow(leader, "醴陵市政协");
    await expect(row).toContainText("已上报");
    await (await hydrated(row.getByRole("button", { name: "退回" }))).click();
    const dialog = leader.getByRole("dialog", { name: "退回醴陵市政协的上报？" });
    // A return without a reason is refused in the dialog.
    await dialog.getByRole("button", { name: "确认退回" }).click();
    await expect(dialog.getByText("请填写退回原因")).toBeVisible();
    await dialog.getByLabel("退回原因").fill(reason);
    await confirmIn(dialog, "确认退回");
    await expect(leader.getByText("已退回：醴陵市政协，对方会收到通知")).toBeVisible();
    await expect(row).toContainText("进行中");
    await expect(row).toContainText(reason);
    // The photo is in the county's timeline for the city too.
    await row.getByRole("button", { name: /查看办理记录/ }).click();
    await expect(row.getByRole("link", { name: /洣水河排污口现场\.png/ })).toBeVisible();
  });

  await test.step("醴陵市 is told, sees the reason and reports again; the city approves", async () => {
    await liling.goto("/notifications");
    const notice = liling.getByRole("button").filter({ hasText: taskTitle }).filter({ hasText: "任务被退回" });
    await (await hydrated(notice)).click();
    await expect(liling).toHaveURL(lilingPath);
    await expect(liling.getByRole("note")).toContainText(reason);
    await expect(liling.locator("li[data-event=returned]")).toContainText(reason);
    await reportComplete(liling, "已补充整改责任单位和时限，问题清单见附件。");

    await leader.goto(taskPath);
    const row = countyRow(leader, "醴陵市政协");
    await expect(row).toContainText("已上报");
    await (await hydrated(row.getByRole("button", { name: "审核办结" }))).click();
    await confirmIn(leader.getByRole("dialog", { name: "确认醴陵市政协的任务已办结？" }), "确认办结");
    await expect(row).toContainText("已办结");
    await expect(countyRow(leader, "荷塘区政协")).toContainText("已签收");

    await liling.goto(lilingPath);
    await expect(liling.getByText("任务已办结")).toBeVisible();
    await expect(liling.getByRole("button", { name: "上报完成" })).toHaveCount(0);
  });

  let parentPath = "";
  await test.step("a second task: 醴陵市 passes it to 左权镇", async () => {
    await leader.goto(`/tasks/new?campaign=${campaignPath.split("/").pop()}`);
    await (await hydrated(leader.getByLabel("任务名称"))).fill(secondTitle);
    await leader.getByLabel("监督内容").selectOption({ index: 1 });
    await leader.getByLabel("监督方式").selectOption({ label: "调研式监督" });
    await leader.getByLabel("截止日期").fill(deadline);
    await leader.getByRole("checkbox", { name: "醴陵市政协" }).check();
    await leader.getByRole("button", { name: "下发任务" }).click();
    await expect(leader).toHaveURL(/\/tasks\/\d+$/);

    parentPath = await openFromInbox(liling, secondTitle);
    await accept(liling);
    await (await hydrated(liling.getByRole("checkbox", { name: "左权镇" }))).check();
    await liling.getByRole("button", { name: "转交乡镇", exact: true }).click();
    await expect(liling.getByText("已转交：左权镇")).toBeVisible();
    const township = liling.getByRole("link").filter({ hasText: "左权镇" });
    await expect(township).toContainText("待签收");
  });

  await test.step("the 左权镇 liaison accepts and reports", async () => {
    await openFromInbox(zuoquan, secondTitle);
    await expect(zuoquan.getByText("醴陵市政协下发 · 承办：左权镇")).toBeVisible();
    await accept(zuoquan);
    await reportComplete(zuoquan, "左权镇已对辖区内河长制落实情况开展专项视察，走访河长5名。");
    await expect(zuoquan.getByText("已上报，等待醴陵市政协审核")).toBeVisible();
  });

  await test.step("醴陵市 approves the township's part and sees it roll up", async () => {
    await liling.goto(parentPath);
    const township = liling.getByRole("link").filter({ hasText: "左权镇" });
    await expect(township).toContainText("已上报");
    await expect(township).toContainText("待审核");
    await township.click();
    await expect(liling.getByText("左权镇已上报完成，请审核：办结，或说明原因退回。")).toBeVisible();
    await (await hydrated(liling.getByRole("button", { name: "审核办结" }))).click();
    await confirmIn(liling.getByRole("dialog", { name: "确认左权镇的任务已办结？" }), "确认办结");
    await expect(liling.getByText("任务已办结")).toBeVisible();

    await liling.getByRole("link", { name: "返回本级任务" }).click();
    await expect(liling).toHaveURL(parentPath);
    await expect(liling.getByText("已办结 1 / 1")).toBeVisible();
    await expect(liling.getByRole("link").filter({ hasText: "左权镇" })).toContainText("已办结");
    await expect(liling.getByRole("link").filter({ hasText: "左权镇" }).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  });

  for (const page of [leader, liling, hetang, zuoquan]) await page.context().close();
});
