import { expect, test, type Page } from "@playwright/test";
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
