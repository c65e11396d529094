import ExcelJS from "exceljs";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

/**
 * The problem journey of the issue, through the pages: a citizen sends a tip from a phone
 * without signing in and gets a reference code; the city's staff turn it into a problem in
 * 茶陵县; 茶陵县 assigns it and reports it rectified with a photo; the city rejects the first
 * report, then verifies the second; the problem is closed and the public status page says so.
 * Also: the public upload refuses a file that is not a photo and keeps nothing. Everything it
 * creates carries a unique suffix, so it shares the database with the other specs safely.
 */

const CHALING = "chaling";
/** A real 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

function chinaDate(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + days * 86_400_000));
}

async function as(browser: Browser, identifier: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await signIn(page, identifier);
  return page;
}

/** Waits until React has hydrated the element: a click or a chosen file before then would be lost. */
async function hydrated(locator: Locator): Promise<Locator> {
  await expect(locator).toBeVisible();
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { message: "hydrated" }).toBe(true);
  return locator;
}

async function confirmIn(dialog: Locator, button: string) {
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** 报告整改完成 with a text and a photo, through the confirmation. */
async function reportRectified(page: Page, path: string, text: string, fileName: string) {
  await page.goto(path);
  await (await hydrated(page.getByLabel("整改情况"))).fill(text);
  await page.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: "image/png", buffer: PNG });
  await expect(page.getByRole("list", { name: "已上传的附件" }).getByRole("link", { name: fileName })).toBeVisible();
  await page.getByRole("button", { name: "报告整改完成", exact: true }).click();
  await confirmIn(page.getByRole("dialog", { name: "报告整改完成？" }), "确认提交");
  await expect(page.getByText("整改情况已提交，等待株洲市政协验收")).toBeVisible();
  await expect(page.getByText("已报告整改完成，等待株洲市政协验收销号")).toBeVisible();
  await expect(page.locator("main").getByText("已整改待验收").first()).toBeVisible();
}

test("a public tip becomes a problem, is rectified, rejected once, verified and closed; the citizen sees it closed", async ({ browser }) => {
  test.setTimeout(240_000);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const content = `云阳街道城南排水沟有黑色污水直排洣水河，气味刺鼻 ${suffix}`;
  const title = `城南排水沟污水直排洣水河 ${suffix}`;

  // The citizen: a phone, no account.
  const citizenContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", isMobile: true, hasTouch: true });
  const citizen = await citizenContext.newPage();

  let code = "";
  await test.step("a citizen sends a tip with a photo and gets a reference code", async () => {
    await citizen.goto("/tip");
    await expect(citizen.getByRole("heading", { level: 1, name: "举报生态环境问题" })).toBeVisible();
    await (await hydrated(citizen.getByLabel("所在县市区"))).selectOption({ label: "茶陵县" });
    await citizen.getByLabel("乡镇（街道）").selectOption({ label: "云阳街道" });
    await citizen.getByLabel("具体地点").fill("云阳街道 城南小区旁排水沟");
    await citizen.getByLabel("问题描述").fill(content);
    await citizen.getByTestId("tip-photos").setInputFiles({ name: "排水沟.png", mimeType: "image/png", buffer: PNG });
    await expect(citizen.getByRole("img", { name: "排水沟.png" })).toBeVisible();
    await citizen.getByLabel("联系方式（选填）").fill("13700009999");
    await citizen.getByRole("button", { name: "提交举报" }).click();
    await expect(citizen).toHaveURL(/\/tip\/status\?code=/);
    await expect(citizen.getByText("举报已提交，感谢您的监督！")).toBeVisible();
    code = (await citizen.getByTestId("tip-code").textContent())!.trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
    await expect(citizen.getByTestId("tip-state")).toHaveText("已收到，待核实");
    // Nothing the citizen wrote is on the public page.
    await expect(citizen.locator("body")).not.toContainText("13700009999");
    await expect(citizen.locator("body")).not.toContainText("城南小区");
  });

  const city = await as(browser, ACCOUNTS.cityStaff.identifier);
  const chaling = await as(browser, CHALING);

  let problemPath = "";
  await test.step("the city's staff find the tip and turn it into a problem in 茶陵县", async () => {
    await city.goto(`/tips?q=${encodeURIComponent(code)}`);
    await (await hydrated(city.getByRole("link", { name: new RegExp(suffix) }))).click();
    await expect(city.getByRole("heading", { level: 1, name: `举报线索 ${code}` })).toBeVisible();
    await expect(city.getByText("13700009999")).toBeVisible();
    await expect(city.getByRole("img", { name: "排水沟.png" })).toBeVisible();
    await (await hydrated(city.getByRole("button", { name: "转为问题" }))).click();
    await (await hydrated(city.getByLabel("问题标题"))).fill(title);
    await expect(city.getByLabel("问题描述")).toHaveValue(content);
    await city.getByLabel("问题类别").selectOption({ label: "水" });
    await expect(city.getByLabel("所在地区")).toHaveValue(/\d+/);
    await city.getByLabel("责任部门").selectOption({ label: "茶陵县政协 · 住房和城乡建设局" });
    await city.getByRole("button", { name: "转为问题" }).click();
    await expect(city).toHaveURL(/\/problems\/\d+$/);
    problemPath = new URL(city.url()).pathname;
    await expect(city.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(city.locator("main").getByText("待交办").first()).toBeVisible();
    await expect(city.getByRole("link", { name: `举报线索 ${code}` })).toBeVisible();
  });

  await test.step("茶陵县 assigns it with a plan, department and deadline", async () => {
    await chaling.goto(problemPath);
    await (await hydrated(chaling.getByLabel("整改方案"))).fill("督促街道封堵直排口，污水接入市政管网");
    await chaling.getByLabel("责任部门").selectOption({ label: "茶陵县政协 · 住房和城乡建设局" });
    await chaling.getByLabel("整改期限").fill(chinaDate(30));
    await chaling.getByRole("button", { name: "交办", exact: true }).click();
    await expect(chaling.getByText("已交办，问题进入整改中")).toBeVisible();
    await expect(chaling.locator("main").getByText("整改中").first()).toBeVisible();
  });

  await test.step("茶陵县 reports it rectified with a photo; it may not verify its own report", async () => {
    await reportRectified(chaling, problemPath, "直排口已封堵，污水已接入管网", "封堵现场.png");
    await expect(chaling.getByRole("button", { name: "验收销号" })).toHaveCount(0);
  });

  await test.step("the city rejects the first report with a reason", async () => {
    await city.goto(problemPath);
    await expect(city.getByRole("link", { name: "封堵现场.png" })).toBeVisible();
    await (await hydrated(city.getByRole("button", { name: "验收不通过" }))).click();
    const dialog = city.getByRole("dialog", { name: "验收不通过？" });
    await dialog.getByLabel("不通过的原因").fill("现场复核仍有少量污水溢流");
    await confirmIn(dialog, "退回整改");
    await expect(city.getByText("已退回继续整改")).toBeVisible();
    await expect(city.locator("main").getByText("整改中").first()).toBeVisible();
  });

  await test.step("茶陵县 sees the reason and reports again", async () => {
    await chaling.goto(problemPath);
    await expect(chaling.getByText("株洲市政协验收未通过，请继续整改：")).toBeVisible();
    await expect(chaling.getByRole("note")).toContainText("现场复核仍有少量污水溢流");
    await reportRectified(chaling, problemPath, "溢流点已修复，连续三天复查无污水", "复查照片.png");
  });

  await test.step("the city verifies and closes it; every step is on the timeline", async () => {
    await city.goto(problemPath);
    await (await hydrated(city.getByRole("button", { name: "验收销号" }))).click();
    await confirmIn(city.getByRole("dialog", { name: "验收销号？" }), "确认销号");
    await expect(city.getByText("已验收销号", { exact: true })).toBeVisible();
    await expect(city.locator("main").getByText("已销号").first()).toBeVisible();
    const events = city.locator("li[data-event]");
    await expect(events).toHaveCount(6);
    expect(await events.evaluateAll((items) => items.map((li) => li.getAttribute("data-event")))).toEqual(["created", "assigned", "reported", "rejected", "reported", "verified"]);
    // The ledger counts it among the closed.
    await city.goto(`/problems?q=${encodeURIComponent(suffix)}&status=closed`);
    await expect(city.getByRole("link", { name: title }).first()).toBeVisible();
  });

  await test.step("the ledger's export holds it, with Chinese headers, under the same filters", async () => {
    const exportLink = city.getByRole("link", { name: "导出 Excel" });
    const href = await exportLink.getAttribute("href");
    expect(href).toBe(`/api/problems/export?q=${encodeURIComponent(suffix)}&status=closed`);
    const response = await city.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("问题清单")!;
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = Object.fromEntries(header.map((h, i) => [String(h), String((sheet.getRow(2).values as unknown[])[i + 1] ?? "")]));
    expect(row).toMatchObject({ 问题标题: title, 类别: "水", 状态: "已销号", 所属县市区: "茶陵县政协", 所在地区: "云阳街道", 提出单位: "株洲市政协", 来源: "群众举报", 责任部门: "住房和城乡建设局" });
    // Another county's export does not hold it.
    const other = await chaling.request.get(`/api/problems/export?q=${encodeURIComponent(suffix)}`);
    expect(other.status()).toBe(200);
    const youxian = await as(browser, "youxian");
    const outside = new ExcelJS.Workbook();
    await outside.xlsx.load((await (await youxian.request.get(`/api/problems/export?q=${encodeURIComponent(suffix)}`)).body()) as unknown as ArrayBuffer);
    expect(outside.getWorksheet("问题清单")!.rowCount).toBe(1);
    await youxian.context().close();
  });

  await test.step("the citizen's status page shows it closed", async () => {
    await citizen.goto(`/tip/status?code=${encodeURIComponent(code)}`);
    await expect(citizen.getByTestId("tip-state")).toHaveText("已整改并验收销号");
    await expect(citizen.locator("body")).not.toContainText("13700009999");
    await expect(citizen.locator("body")).not.toContainText(suffix);
  });

  await citizenContext.close();
  await city.context().close();
  await chaling.context().close();
});

test("the public upload refuses a file that is not a photo, and the staff pages stay behind sign-in", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.request.post("/api/tips", {
    multipart: {
      committeeId: "1",
      location: "某地",
      content: "这是一条带有伪装成照片的文本文件的举报内容",
      website: "",
      photo: { name: "photo.png", mimeType: "image/png", buffer: Buffer.from("not really a png, just text") },
    },
  });
  expect(response.status()).toBe(415);
  expect((await response.json()).error.message).toBe("只能上传照片（JPG、PNG、WebP、GIF），请检查所选文件");

  await page.goto("/tips");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/tip/status?code=2222222222");
  await expect(page.getByText("未找到该查询码对应的线索，请核对后重试")).toBeVisible();
  await context.close();
});
