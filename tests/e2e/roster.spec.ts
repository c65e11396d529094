import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { ACCOUNTS, CITY_COMMITTEE, COUNTY_COMMITTEES, LILING_TOWNSHIPS, signIn } from "./support";

// Desktop width: the roster is a table (phones get cards).
test.use({ viewport: { width: 1366, height: 850 } });

const rows = (page: Page) => page.getByRole("table").locator("tbody tr");
/** Cell texts of one column, in the order of the table's header. */
const COLUMNS = ["姓名", "性别", "所属组织", "界别", "政治面貌", "委员层级", "手机号", "工作单位及职务"] as const;
const column = (page: Page, name: (typeof COLUMNS)[number]) => rows(page).locator(`td:nth-child(${COLUMNS.indexOf(name) + 1})`).allInnerTexts();

/** "共 N 名委员" once the list has loaded. */
async function total(page: Page): Promise<number> {
  const text = page.getByText(/^共 \d+ 名委员$/);
  await expect(text).toBeVisible();
  return Number(/\d+/.exec(await text.innerText())![0]);
}

async function search(page: Page, term: string) {
  await page.getByRole("textbox", { name: "搜索" }).fill(term);
  await page.getByRole("search").getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(`/members?q=${encodeURIComponent(term)}`);
}

test("county staff see only their county and its townships", async ({ page }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  await page.goto("/members");
  await expect(page.getByRole("heading", { level: 1, name: "委员名册" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "所属组织" })).toBeVisible();

  const count = await total(page);
  // The whole county fits on the first page (20 rows), so every row of its scope is checked.
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(20);
  await expect(rows(page)).toHaveCount(count);
  const allowed = new Set<string>(["醴陵市政协", ...LILING_TOWNSHIPS]);
  const committees = await column(page, "所属组织");
  expect(committees.filter((c) => !allowed.has(c)), "rows outside 醴陵市政协 and its townships").toEqual([]);
  expect(committees).toContain("醴陵市政协");
  expect(committees.some((c) => (LILING_TOWNSHIPS as readonly string[]).includes(c))).toBe(true);
  await expect(rows(page).filter({ hasText: CITY_COMMITTEE })).toHaveCount(0);

  // The committee filter offers the same scope and nothing above or beside it.
  const options = (await page.getByRole("combobox", { name: "所属组织" }).locator("option").allInnerTexts()).map((o) => o.replace(/^\u3000+/, ""));
  expect(options).toEqual(expect.arrayContaining(["全部组织", "醴陵市政协", ...LILING_TOWNSHIPS]));
  expect(options).not.toContain(CITY_COMMITTEE);
  for (const other of COUNTY_COMMITTEES.filter((c) => c !== "醴陵市政协")) expect(options).not.toContain(other);

  // Other counties' members stay hidden even when the search matches them (their workplaces
  // carry the county's name).
  await page.goto("/members?q=荷塘区");
  await expect(page.getByText("没有符合条件的委员")).toBeVisible();
});

test("searching by name narrows the roster, and a search without matches shows the empty state", async ({ page }) => {
  await signIn(page, ACCOUNTS.liling.identifier);
  await page.goto("/members");
  const before = await total(page);

  await search(page, "谭湘松");
  await expect(page.getByText(/^共 \d+ 名委员$/)).not.toHaveText(`共 ${before} 名委员`);
  const after = await total(page);
  expect(after).toBeGreaterThanOrEqual(1);
  expect(after).toBeLessThan(before);
  await expect(rows(page)).toHaveCount(after);
  expect(await column(page, "姓名")).toEqual(Array(after).fill("谭湘松"));
  expect(await column(page, "手机号")).toContain("19900009001");
  await expect(page.getByRole("button", { name: "清除筛选" })).toBeVisible();

  await search(page, "查无此人");
  await expect(page.getByText("没有符合条件的委员")).toBeVisible();
  await expect(page.getByText("请调整搜索词或筛选条件")).toBeVisible();
  await expect(page.getByText("共 0 名委员")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "下一页" })).toHaveCount(0);

  // Clearing the filter brings the whole scope back.
  await page.getByRole("button", { name: "清除筛选" }).click();
  await expect(page).toHaveURL("/members");
  await expect(page.getByText(`共 ${before} 名委员`)).toBeVisible();
});

test("city staff page through the whole city's roster", async ({ page }) => {
  await signIn(page, ACCOUNTS.cityStaff.identifier);
  await page.goto("/members");
  const count = await total(page);
  const pages = Math.ceil(count / 20);
  expect(pages, "the seed has more than one page of members for the city").toBeGreaterThan(1);
  await expect(page.getByText(`第 1 / ${pages} 页`)).toBeVisible();
  await expect(rows(page)).toHaveCount(20);
  await expect(page.getByRole("button", { name: "上一页" })).toBeDisabled();
  const firstPage = await column(page, "手机号");
  // The city staff see every level: the city itself and the counties below it.
  expect(await column(page, "所属组织")).toContain(CITY_COMMITTEE);

  await page.getByRole("button", { name: "下一页" }).click();
  await expect(page).toHaveURL("/members?page=2");
  await expect(page.getByText(`第 2 / ${pages} 页`)).toBeVisible();
  await expect(rows(page)).toHaveCount(20);
  await expect.poll(async () => (await column(page, "手机号")).filter((p) => firstPage.includes(p)), { message: "page 2 repeats page 1" }).toEqual([]);
  await expect(page.getByRole("button", { name: "上一页" })).toBeEnabled();

  // The page is in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByText(`第 2 / ${pages} 页`)).toBeVisible();

  await page.getByRole("button", { name: "上一页" }).click();
  await expect(page).toHaveURL("/members");
  await expect(page.getByText(`第 1 / ${pages} 页`)).toBeVisible();
  await expect.poll(() => column(page, "手机号")).toEqual(firstPage);
});

/* ─── Keeping the roster: create, sign-in, import, export (荷塘区's hetang) ─────────────────── */

const HETANG = "hetang";
const ROSTER_HEADERS = ["姓名", "性别", "界别", "政治面貌", "委员层级", "手机号", "工作单位及职务", "所属组织"];
const HETANG_SUBTREE = ["荷塘区政协", "月塘街道", "宋家桥街道", "茨菇塘街道", "仙庾镇"];

/** A fictional mobile number no other run or test uses (177 + 8 digits from the clock and a counter). */
let phoneSeq = 0;
function uniquePhone(): string {
  phoneSeq += 1;
  return `177${String((Date.now() * 10 + phoneSeq) % 100_000_000).padStart(8, "0")}`;
}

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}

test("a county creates a member, gives them a sign-in, and the member signs in with it", async ({ page, browser }) => {
  await signIn(page, HETANG);
  await page.goto("/members");
  await page.getByRole("link", { name: "新增委员" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新增委员" })).toBeVisible();

  const name = `易湘${Date.now() % 10_000}`;
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("性别").selectOption("女");
  // A phone already on the roster (another county's member): refused on that field, nothing lost.
  await page.getByLabel("手机号").fill("19900009001");
  await expect(page.getByLabel("所属组织")).toHaveValue(/\d+/);
  await page.getByLabel("所属组织").selectOption({ label: "\u3000月塘街道" });
  await page.getByLabel("界别").selectOption("民进");
  await page.getByLabel("政治面貌").selectOption("民进会员");
  await page.getByLabel("委员层级").selectOption("county");
  await page.getByLabel("工作单位及职务").fill("月塘街道社区卫生服务中心 主任");
  await page.getByRole("button", { name: "保存并查看" }).click();
  await expect(page.locator("#member-phone-error")).toHaveText("该手机号已登记在委员名册中");
  await expect(page.getByLabel("手机号")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("姓名")).toHaveValue(name);

  const phone = uniquePhone();
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "保存并查看" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await expect(page.getByText("月塘街道 · 民进")).toBeVisible();
  await expect(page.getByText("尚未开通登录账号")).toBeVisible();

  // 开通登录账号: the username is the phone, the password generated and shown once.
  await page.getByRole("button", { name: "开通登录账号" }).click();
  const dialog = page.getByRole("dialog", { name: `为${name}开通登录账号` });
  await expect(dialog.getByLabel("自动生成（仅显示一次）")).toBeChecked();
  await dialog.getByRole("button", { name: "开通" }).click();
  const credentials = page.getByRole("dialog", { name: "请将登录信息告知委员" });
  await expect(credentials.getByText(`用户名：${phone}`)).toBeVisible();
  const password = (await credentials.getByTestId("generated-password").innerText()).trim();
  expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
  await credentials.getByRole("button", { name: "我已记下" }).click();
  await expect(credentials).toBeHidden();
  await expect(page.getByText(`已为${name}开通登录账号`)).toBeVisible();
  await expect(page.getByRole("button", { name: "重置密码" })).toBeVisible();

  // The new member signs in by phone with that password and sees their (empty) year.
  const memberPage = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await signIn(memberPage, phone, password);
    await memberPage.goto("/participation");
    await expect(memberPage.getByRole("heading", { level: 1, name: "履职积分" })).toBeVisible();
    await expect(memberPage.getByTestId("points-total")).toHaveText(/^0\s*分$/);
    await expect(memberPage.getByText("本年度没有报名的活动")).toBeVisible();
  } finally {
    await memberPage.context().close();
  }

  // Deactivating asks first, then takes the member off the roster; reactivating brings them back.
  await page.getByRole("button", { name: "停用" }).click();
  await page.getByRole("dialog", { name: `停用委员${name}？` }).getByRole("button", { name: "确认停用" }).click();
  await expect(page.getByText(`已停用委员${name}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "恢复" })).toBeVisible();
  await expect(page.getByRole("button", { name: "重置密码" })).toHaveCount(0);
  await page.goto(`/members?q=${phone}`);
  await expect(page.getByText("没有符合条件的委员")).toBeVisible();
  await page.getByRole("combobox", { name: "状态" }).selectOption("inactive");
  await expect(rows(page)).toHaveCount(1);
  await rows(page).getByRole("link", { name }).click();
  await page.getByRole("button", { name: "恢复" }).click();
  await page.getByRole("dialog", { name: `恢复委员${name}？` }).getByRole("button", { name: "确认恢复" }).click();
  await expect(page.getByText(`已恢复委员${name}`)).toBeVisible();
});

test("a county imports an .xlsx: the preview shows the row with a problem, then the valid rows are imported and exported", async ({ page }) => {
  const marker = `导入测试${Date.now() % 1_000_000}`;
  const valid = [
    [`龙${marker.slice(-4)}甲`, "男", "民盟", "民盟盟员", "县市区政协委员", uniquePhone(), `${marker} 教师`, "荷塘区政协"],
    [`龙${marker.slice(-4)}乙`, "女", "妇联", "群众", "县市区政协委员", uniquePhone(), `${marker} 医生`, "仙庾镇"],
  ];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("委员名册");
  sheet.addRow(ROSTER_HEADERS);
  sheet.addRow(valid[0]!);
  sheet.addRow([`龙${marker.slice(-4)}丙`, "男", "工商联", "群众", "县市区政协委员", "123", `${marker} 会计`, "荷塘区政协"]);
  sheet.addRow(valid[1]!);
  const file = Buffer.from(await workbook.xlsx.writeBuffer());

  await signIn(page, HETANG);
  await page.goto("/members");
  await page.getByRole("link", { name: "导入" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "导入委员" })).toBeVisible();

  // The template downloads with the Chinese headers.
  const templateDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载模板" }).click();
  const template = await templateDownload;
  expect(template.suggestedFilename()).toMatch(/^委员导入模板-\d{8}\.xlsx$/);
  expect((await sheetRows(await readFile(await template.path())))[0]).toEqual(ROSTER_HEADERS);

  await page.getByLabel("Excel 文件").setInputFiles({ name: "委员名单.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: file });
  await expect(page.getByText("共 3 行：可导入 2 行，有问题 1 行")).toBeVisible();
  const problems = page.getByRole("region", { name: "有问题的行（不会导入）" }).getByRole("row");
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(1)).toHaveText(["3", `龙${marker.slice(-4)}丙`, "手机号", "“123”不是 11 位手机号"].join(""));

  // Nothing is written by the preview.
  const roster = await page.request.get(`/api/members/export?q=${encodeURIComponent(marker)}`);
  expect((await sheetRows(await roster.body())).slice(1)).toEqual([]);

  await page.getByRole("button", { name: "导入 2 名委员" }).click();
  await page.getByRole("dialog", { name: "导入 2 名委员？" }).getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("已导入 2 名委员，1 行因有问题未导入")).toBeVisible();

  // The roster lists them; the export of that filter is an .xlsx with exactly those rows.
  await page.getByRole("link", { name: "查看委员名册" }).click();
  await search(page, marker);
  await expect(rows(page)).toHaveCount(2);
  const exportDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出" }).click();
  const exported = await exportDownload;
  expect(exported.suggestedFilename()).toMatch(/^委员名册-\d{8}\.xlsx$/);
  const exportedRows = await sheetRows(await readFile(await exported.path()));
  expect(exportedRows[0]).toEqual(ROSTER_HEADERS);
  expect(exportedRows.slice(1).map((r) => [r[0], r[5], r[6], r[7]])).toEqual(valid.map((v) => [v[0], v[5], v[6], v[7]]));

  // Unfiltered, the export holds the county's subtree only.
  const everything = await page.request.get("/api/members/export");
  expect(everything.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const all = (await sheetRows(await everything.body())).slice(1);
  expect(all.length).toBeGreaterThan(2);
  expect(all.filter((r) => !HETANG_SUBTREE.includes(r[7]!))).toEqual([]);
});
