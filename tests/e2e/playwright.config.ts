import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_AUTH_SECRET } from "./secret";

/**
 * End-to-end tests: the production build served by `npm run serve -w @dm/web` on its own
 * embedded PostgreSQL (fresh data directory per run, seeded with the demo data), driven by
 * Debian's Chromium (see ../scripts/ensure-chromium.mjs, which `npm run test:e2e` runs first).
 */
const repoRoot = resolve(import.meta.dirname, "../..");
// Overridable so two checkouts can run their suites side by side.
const PORT = Number(process.env.E2E_PORT) || 3100;
const PGPORT = Number(process.env.E2E_PGPORT) || 55432;
const baseURL = `http://127.0.0.1:${PORT}`;
const CI = Boolean(process.env.CI);

// The config is loaded by the runner and again by every worker; workers inherit the runner's
// environment, so only the runner creates the data directory. It lives under /tmp, not the home
// folder: as root, PostgreSQL runs as the `postgres` user, who cannot read /root.
function createDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dm-e2e-"));
  // mkdtemp makes it 0700; the `postgres` user must be able to pass through to its pg/ folder.
  chmodSync(dir, 0o711);
  process.env.DM_E2E_DATA_DIR = dir;
  // By the time the runner exits, the web server and its PostgreSQL have stopped.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const dataDir = process.env.DM_E2E_DATA_DIR ?? createDataDir();

// Playwright starts the web server with process.env overlaid by webServer.env, so leaving
// DATABASE_URL out of webServer.env is not enough: remove it here, or serve.ts would use that
// database instead of starting the embedded one.
delete process.env.DATABASE_URL;

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // A 2-core machine: the browser, Next.js, PostgreSQL and argon2 share it.
  workers: Number(process.env.PLAYWRIGHT_WORKERS) || Math.max(1, Math.min(2, cpus().length)),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]] : [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: "npm run serve -w @dm/web",
    cwd: repoRoot,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    // serve.ts stops Next.js and then PostgreSQL on SIGTERM.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      PGPORT: String(PGPORT),
      DATA_DIR: dataDir,
      AUTH_SECRET: E2E_AUTH_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
