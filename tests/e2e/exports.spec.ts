import { readFile } from "node:fs/promises";
import { type Browser, type Download, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { COUNTY_COMMITTEES, signIn } from "./support";

/**
 * The Excel exports, as people get them: the 导出 Excel button of a page downloads an .xlsx of
 * what the page lists under its current filters, with Chinese headers, and a county's file holds
 * its own rows only. Read-only accounts (citystaff, leader, shifeng): nothing here changes data.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** 石峰区政协 and its townships (the seed's places.ts). */
const SHIFENG = ["石峰区政协", "清水塘街道", "响石岭街道", "田心街道", "井墈街道"];

interface Sheet {
  header: string[];
  rows: Record<string, unknown>[];
}

async function sheetsOf(bytes: Buffer): Promise<Record<string, Sheet>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => {
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const rows: Record<string, unknown>[] = [];
      for (let r = 2; r <= sheet.rowCount; r++) {
        const values = sheet.getRow(r).values as unknown[];
        rows.push(Object.fromEntries(header.map((h, i) => [h, values[i + 1] ?? null])));
      }
      return [sheet.name, { header, rows }];
    }),
  );
}

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  return page;
}

/** Clicks the page's 导出 Excel button and reads the file the browser downloads. */
async function exportFrom(page: Page): Promise<{ download: Download; sheets: Record<string, Sheet> }> {
  const button = page.getByRole("link", { name: "导出 Excel" });
  await expect(button).toBeVisible();
  const downloading = page.waitForEvent("download");
  await button.click();
  const download = await downloading;
  return { download, sheets: await sheetsOf(await readFile((await download.path())!)) };
}

test("city staff export the task list under its filters: one row per assignment", async ({ browser }) => {
  const page = await as(browser, "citystaff");
  await page.goto(`/tasks?q=${encodeURIComponent("清水塘")}`);
  const button = page.getByRole("link", { name: "导出 Excel" });
  await expect(button).toHaveAttribute("href", `/api/exports/tasks?q=${encodeURIComponent("清水塘")}`);
  const { download, sheets } = await exportFrom(page);
  expect(download.suggestedFilename()).toMatch(/^监督任务-\d{8}\.xlsx$/);
  const sheet = sheets["任务办理情况"]!;
  expect(sheet.header.slice(0, 13)).toEqual(["任务编号", "任务名称", "所属专项", "监督内容", "监督方式", "任务截止日期", "承办单位", "层级", "交办单位", "办理状态", "完成进度", "办理期限", "是否逾期"]);
  // The seed's 清水塘 task went to 石峰区 only: returned once, then reported at 80%.
  expect(sheet.rows).toHaveLength(1);
  expect(sheet.rows[0]).toMatchObject({ 任务名称: "清水塘老工业区污染土壤修复情况视察", 承办单位: "石峰区政协", 层级: "县市区", 交办单位: "株洲市政协", 办理状态: "进行中", 完成进度: 80 });
  expect(Object.keys(sheets)).toEqual(["任务办理情况", "导出说明"]);
  await page.context().close();
});

test("a leader exports the coverage matrix and the points ranking", async ({ browser }) => {
  const page = await as(browser, "leader");
  await page.goto("/coverage");
  const coverage = await exportFrom(page);
  expect(coverage.download.suggestedFilename()).toMatch(/^活动覆盖.*-\d{8}\.xlsx$/);
  const matrix = coverage.sheets["活动覆盖"]!;
  expect(matrix.header.slice(0, 3)).toEqual(["组织", "层级", "口径"]);
  expect(matrix.header.slice(-2)).toEqual(["合计", "缺月"]);
  const months = matrix.header.slice(3, -2);
  expect(months.length).toBeGreaterThan(0);
  for (const month of months) expect(month).toMatch(/^\d{4}-\d{2}$/);
  // The city's own row, each county with its townships rolled in (and its breakdown), and 合计.
  const top = matrix.rows.filter((r) => r["口径"] === "含乡镇（街道）").map((r) => r["组织"]);
  expect(top).toEqual([...COUNTY_COMMITTEES]);
  expect(matrix.rows[0]).toMatchObject({ 组织: "株洲市政协", 层级: "市级", 口径: "本级" });
  const total = matrix.rows.at(-1)!;
  expect(total["组织"]).toBe("合计");
  // 合计 is the city's own activities plus every county's subtree.
  const sum = [matrix.rows[0]!, ...matrix.rows.filter((r) => r["口径"] === "含乡镇（街道）")].reduce((s, r) => s + Number(r["合计"]), 0);
  expect(total["合计"]).toBe(sum);

  await page.goto("/participation");
  const points = await exportFrom(page);
  expect(points.download.suggestedFilename()).toMatch(/^委员积分排名-\d{4}年-\d{8}\.xlsx$/);
  const [name] = Object.keys(points.sheets);
  const ranking = points.sheets[name!]!;
  expect(ranking.header).toEqual(["名次", "委员", "界别", "所属组织", "出席次数", "迟到次数", "缺席次数", "请假次数", "履职发现次数", "积分"]);
  expect(ranking.rows.find((r) => r["委员"] === "谭湘松")).toMatchObject({ 所属组织: "醴陵市政协" });
  // Ranked: points never rise down the list, and the first has rank 1.
  expect(ranking.rows[0]!["名次"]).toBe(1);
  const scores = ranking.rows.map((r) => Number(r["积分"]));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await page.context().close();
});

test("city staff export activities with attendance and the monthly-report status", async ({ browser }) => {
  const page = await as(browser, "citystaff");
  await page.goto("/activities?status=held");
  const activities = await exportFrom(page);
  expect(Object.keys(activities.sheets)).toEqual(["活动", "报名及出勤", "导出说明"]);
  expect(activities.sheets["活动"]!.rows.length).toBeGreaterThan(0);
  expect(activities.sheets["活动"]!.rows.every((r) => r["状态"] === "已举办")).toBe(true);
  expect(activities.sheets["报名及出勤"]!.header).toEqual(["活动编号", "活动名称", "活动时间", "委员", "界别", "所属组织", "报名状态", "报名时间", "出勤", "签到时间", "签到方式", "备注"]);

  await page.goto("/monthly-reports");
  const monthly = await exportFrom(page);
  const [name] = Object.keys(monthly.sheets);
  expect(name).toMatch(/^月报情况 \d{4}-\d{2}$/);
  const status = monthly.sheets[name!]!;
  expect(status.header).toEqual(["组织", "层级", "所属县市区", "状态", "提交时间", "截止日期", "有未提交草稿", "月内活动次数"]);
  expect(status.rows.filter((r) => r["层级"] === "县市区").map((r) => r["组织"])).toEqual([...COUNTY_COMMITTEES]);
  for (const row of status.rows) expect(["已提交", "逾期提交", "未提交", "待提交"]).toContain(row["状态"]);
  await page.context().close();
});

test("a county's exports hold its own rows only, and what it may not export is refused", async ({ browser }) => {
  const page = await as(browser, "shifeng");
  await page.goto("/coverage");
  const coverage = await exportFrom(page);
  const names = coverage.sheets["活动覆盖"]!.rows.map((r) => String(r["组织"]));
  expect(names.at(-1)).toBe("合计");
  expect(new Set(names.slice(0, -1))).toEqual(new Set(SHIFENG));

  await page.goto("/participation");
  const points = await exportFrom(page);
  const ranking = Object.values(points.sheets)[0]!;
  expect(ranking.rows.length).toBeGreaterThan(0);
  for (const row of ranking.rows) expect(SHIFENG).toContain(row["所属组织"]);
  // Asking for a committee outside the scope by its id (1: the city, the seed's first) gives nothing.
  const outside = await page.request.get("/api/exports/points?committee=1");
  expect(outside.status()).toBe(200);
  expect(Object.values(await sheetsOf(await outside.body()))[0]!.rows).toEqual([]);

  // The task list is the city's: a county gets 403, with a Chinese message.
  const tasks = await page.request.get("/api/exports/tasks");
  expect(tasks.status()).toBe(403);
  expect(await tasks.text()).toBe("您没有权限导出这些数据");
  await page.context().close();

  // Signed out: 401. And the headers a download carries.
  const anonymous = await (await browser.newContext()).newPage();
  const refused = await anonymous.request.get("/api/exports/coverage", { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  await anonymous.context().close();
  const staff = await as(browser, "citystaff");
  const ok = await staff.request.get("/api/exports/coverage");
  expect(ok.headers()).toMatchObject({ "content-type": XLSX, "cache-control": "private, no-store", "x-content-type-options": "nosniff" });
  expect(decodeURIComponent(ok.headers()["content-disposition"]!.split("UTF-8''")[1]!)).toMatch(/^活动覆盖.*-\d{8}\.xlsx$/);
  await staff.context().close();
});
