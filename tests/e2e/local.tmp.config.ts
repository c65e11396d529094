import { defineConfig } from "@playwright/test";
// Temporary: run specs against an instance already serving on PORT (default 3200).
export default defineConfig({
  testDir: ".",
  testMatch: "**/tasks.spec.ts",
  outputDir: "/tmp/pages/test-results",
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.PORT ?? 3200}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] },
  },
});
