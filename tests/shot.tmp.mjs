import { chromium } from "@playwright/test";
const base = "http://localhost:3000";
const [user = "leader", ...pages] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
for (const [name, viewport] of [["desk", { width: 1366, height: 850 }], ["mob", { width: 390, height: 844 }]]) {
  const ctx = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  if (user === "anon") { await page.screenshot({ path: `/tmp/shots/login-${name}.png`, fullPage: true }); await ctx.close(); continue; }
  await page.fill("#identifier", user);
  await page.fill("#password", "Zhuzhou@2026");
  await page.click("button[type=submit]");
  await page.waitForURL(`${base}/`);
  for (const p of pages.length ? pages : ["/"]) {
    await page.goto(base + p);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `/tmp/shots/${user}${p.replace(/[^a-z0-9]/gi, "_")}-${name}.png`, fullPage: true });
  }
  await ctx.close();
}
await browser.close();
