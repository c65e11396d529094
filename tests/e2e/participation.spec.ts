import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

test.describe("a member on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("sees their activities with check-in times, their findings and points that add up", async ({ page }) => {
    await signIn(page, ACCOUNTS.member.identifier);
    await page.goto("/participation");
    await expect(page.getByRole("heading", { level: 1, name: "履职积分" })).toBeVisible();
    await expect(page.getByText(/^\d{4} 年积分$/)).toBeVisible();
    await expect(page.getByRole("main").getByText("谭湘松")).toBeVisible();

    // The total is the sum of the lines shown under it.
    const total = Number((await page.getByTestId("points-total").innerText()).match(/-?\d+/)![0]);
    const lines = page.getByRole("list", { name: "积分明细" }).getByRole("listitem");
    await expect(lines).toHaveCount(5);
    const subtotals = (await lines.allInnerTexts()).map((text) => Number(/(-?\d+) 分$/.exec(text.trim())![1]));
    expect(subtotals.reduce((a, b) => a + b, 0)).toBe(total);
    expect(total).toBeGreaterThan(0);

    // The demo year has held 醴陵市 activities with attendance, check-in times, and findings.
    await expect(page.getByRole("heading", { name: /^参加的活动（\d+）$/ })).toBeVisible();
    await expect(page.getByText(/^签到 /).first()).toBeVisible();
    await expect(page.getByText("渌江左岸一处排污口夜间排放，水体发黑，建议加密监测。").first()).toBeVisible();
    // Phone layout: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Another year: the URL keeps it, and an empty year says so.
    await page.getByRole("combobox", { name: "年度" }).selectOption("2023");
    await expect(page).toHaveURL("/participation?year=2023");
    await expect(page.getByText("本年度没有报名的活动")).toBeVisible();
    await expect(page.getByTestId("points-total")).toHaveText(/^0\s*分$/);

    // The rules are open to read, not to change.
    await page.getByRole("link", { name: "积分规则" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "积分规则" })).toBeVisible();
    await expect(page.getByText("积分规则由市政协机关设定。")).toBeVisible();
    await expect(page.getByRole("button", { name: "保存规则" })).toHaveCount(0);
  });
});

test.describe("staff", () => {
  test.use({ viewport: { width: 1366, height: 850 } });

  test("see the ranking of their county by points, narrow it to a township, and open a member's year", async ({ page }) => {
    await signIn(page, ACCOUNTS.liling.identifier);
    await page.goto("/participation");
    await expect(page.getByRole("heading", { level: 1, name: "积分排名" })).toBeVisible();
    await expect(page.getByText(/^醴陵市政协 共 \d+ 名委员$/)).toBeVisible();
    const table = page.getByRole("table");
    const points = (await table.locator("tbody tr td:last-child").allInnerTexts()).map(Number);
    expect(points.length).toBeGreaterThan(1);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(await table.locator("tbody tr td:first-child").first().innerText()).toBe("1");

    await page.getByRole("combobox", { name: "组织" }).selectOption({ label: "\u3000左权镇" });
    await expect(page).toHaveURL(/committee=\d+/);
    await expect(page.getByText(/^左权镇 共 \d+ 名委员$/)).toBeVisible();
    await expect.poll(() => table.locator("tbody tr td:nth-child(3)").allInnerTexts()).toEqual(expect.arrayContaining(["左权镇"]));
    expect(new Set(await table.locator("tbody tr td:nth-child(3)").allInnerTexts())).toEqual(new Set(["左权镇"]));

    // The demo member's year from the staff side: the same record, on the member's page.
    await page.goto("/participation");
    await table.getByRole("link", { name: "谭湘松" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "谭湘松" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "履职情况" })).toBeVisible();
    await expect(page.getByTestId("points-total")).toHaveText(/^\d+\s*分$/);
  });

  test("city staff check and change the points rules", async ({ page }) => {
    await signIn(page, ACCOUNTS.cityStaff.identifier);
    await page.goto("/participation/rules");
    await expect(page.getByRole("heading", { level: 1, name: "积分规则" })).toBeVisible();
    const present = page.getByLabel("出席", { exact: true });
    const late = page.getByLabel("迟到", { exact: true });
    const before = await present.inputValue();

    // Late above present is refused on that rule; nothing is saved.
    await late.fill(String(Number(before) + 1));
    await page.getByRole("button", { name: "保存规则" }).click();
    await expect(page.getByText("迟到得分不能高于出席")).toBeVisible();
    await expect(late).toHaveAttribute("aria-invalid", "true");

    // A valid change is saved, and the defaults come back the same way.
    await late.fill("3");
    await present.fill("6");
    await page.getByRole("button", { name: "保存规则" }).click();
    await expect(page.getByText("积分规则已保存")).toBeVisible();
    await page.reload();
    await expect(present).toHaveValue("6");
    await expect(page.getByText(/^最后修改：/)).toBeVisible();
    await page.getByRole("button", { name: "恢复默认值" }).click();
    await page.getByRole("button", { name: "保存规则" }).click();
    await expect(page.getByText("积分规则已保存")).toBeVisible();
    await expect(present).toHaveValue("5");
  });
});
