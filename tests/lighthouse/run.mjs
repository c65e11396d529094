/**
 * Lighthouse on the pages the budgets name: sign-in, a member's activity list (signed in as
 * `member`) and the dashboard (signed in as `leader`), with Lighthouse's mobile preset (a
 * mid-range phone on slow 4G: simulated throttling, 4x CPU slowdown). Fails below performance 90
 * or accessibility 95.
 *
 *   node lighthouse/run.mjs [--runs N]      (from tests/; npm run lighthouse at the root)
 *
 * Like the end-to-end tests, it serves the production build (`npm run serve -w @dm/web`; build
 * first) on a fresh embedded PostgreSQL with the demo data, on its own ports (LIGHTHOUSE_PORT,
 * default 3110; LIGHTHOUSE_PGPORT, 55442), and drives Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium) in new headless mode.
 *
 * Signed-in pages: each account signs in through the sign-in page, in its own browser context,
 * with Puppeteer; Lighthouse then audits in that same page (Lighthouse's Node API takes a
 * Puppeteer page), so the session is the real cookie next-auth set, sent as the browser sends it.
 * Lighthouse resets the page's caches and storage before each audit but keeps cookies, so every
 * run is a first load by a signed-in user. Each page is loaded once first, so the server is warm.
 *
 * The phone's CPU is emulated relative to this machine's: Lighthouse slows the CPU 4x, which
 * turns a high-end desktop (its BenchmarkIndex about 1750) into a mid-tier phone. A 2-core
 * machine shared with builds and tests measures far less, and 4x of it is a budget phone.
 * Following Lighthouse's "calibrating the CPU slowdown" (docs/throttling.md), each audit first
 * measures the BenchmarkIndex with Lighthouse's own benchmark and sets the multiplier to reach
 * the same phone: BenchmarkIndex / 440, between 1x and 4x (4x on a quiet, fast machine). Both
 * numbers are printed with the scores and kept in the summary.
 *
 * With --runs N each page is audited N times and the median score is judged (each run's
 * report is kept). Reports: tests/lighthouse/reports/<page>-<run>.json and summary.json
 * (git-ignored).
 */
import { spawn } from "node:child_process";
import { createConnection } from "node:net";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import { throttling } from "lighthouse/core/config/constants.js";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";
import puppeteer from "puppeteer-core";

const THRESHOLDS = { performance: 90, accessibility: 95 };
const PAGES = [
  { name: "sign-in", path: "/login", account: null },
  { name: "member-activities", path: "/activities", account: "member" },
  { name: "dashboard", path: "/dashboard", account: "leader" },
];
const PASSWORD = "Zhuzhou@2026";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "1" } } });
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 9) throw new Error("--runs takes a whole number from 1 to 9");

const repoRoot = resolve(import.meta.dirname, "../..");
const reportDir = resolve(import.meta.dirname, "reports");
const port = Number(process.env.LIGHTHOUSE_PORT) || 3110;
const pgPort = Number(process.env.LIGHTHOUSE_PGPORT) || 55442;
const base = `http://127.0.0.1:${port}`;
const log = (msg) => console.info(`[lighthouse] ${msg}`);

/** True when something already listens on the port (another run's server would be audited instead). */
function taken(portToCheck) {
  return new Promise((done) => {
    const socket = createConnection({ host: "127.0.0.1", port: portToCheck });
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
  });
}

/** The production server on a throwaway database, as tests/e2e/playwright.config.ts starts it. */
async function startServer() {
  for (const p of [port, pgPort]) if (await taken(p)) throw new Error(`port ${p} is in use: stop what listens there, or set LIGHTHOUSE_PORT / LIGHTHOUSE_PGPORT`);
  const dataDir = mkdtempSync(join(tmpdir(), "dm-lighthouse-"));
  // As root, PostgreSQL runs as the `postgres` user, who must pass through to its pg/ folder.
  chmodSync(dataDir, 0o711);
  const env = { ...process.env, PORT: String(port), PGPORT: String(pgPort), DATA_DIR: dataDir, AUTH_SECRET: randomBytes(32).toString("base64url"), NEXT_TELEMETRY_DISABLED: "1", JOBS_MODE: "off" };
  // serve.ts would use that server instead of starting the embedded one.
  delete env.DATABASE_URL;
  const server = spawn("npm", ["run", "serve", "-w", "@dm/web"], { cwd: repoRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [server.stdout, server.stderr]) stream.on("data", (chunk) => (output = (output + chunk).slice(-8000)));
  const exited = new Promise((r) => server.once("exit", r));
  const stop = async () => {
    if (server.exitCode === null) {
      // serve.ts stops Next.js and then PostgreSQL on SIGTERM.
      process.kill(-server.pid, "SIGTERM");
      const timer = setTimeout(() => process.kill(-server.pid, "SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return stop;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(`the server did not become healthy on ${base}:\n${output}`);
}

/** A browser context signed in as `username` through the sign-in page, or an anonymous one. */
async function pageFor(browser, username) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  if (username) {
    await page.goto(`${base}/login`, { waitUntil: "networkidle0" });
    await page.type("#identifier", username);
    await page.type("#password", PASSWORD);
    await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click("button[type=submit]")]);
    if (new URL(page.url()).pathname !== "/") throw new Error(`signing in as ${username} ended on ${page.url()}`);
  }
  return page;
}

/** The BenchmarkIndex of the emulated phone: Lighthouse's 4x of a high-end desktop (about 1750). */
const PHONE_BENCHMARK_INDEX = 440;

/** Lighthouse's benchmark, run in the page's renderer, and the CPU slowdown that reaches the phone. */
async function calibrate(page) {
  const benchmarkIndex = await page.evaluate(pageFunctions.computeBenchmarkIndex);
  const multiplier = Math.round(Math.min(4, Math.max(1, benchmarkIndex / PHONE_BENCHMARK_INDEX)) * 10) / 10;
  return { benchmarkIndex: Math.round(benchmarkIndex), multiplier };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  mkdirSync(reportDir, { recursive: true });
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  log(`${machine}; ${runs} run(s) per page`);
  const stop = await startServer();
  log(`server ready on ${base}`);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const results = [];
  try {
    log(`Chromium ${await browser.version()}`);
    for (const target of PAGES) {
      const page = await pageFor(browser, target.account);
      // A warm server, as in production: the first render after start-up compiles and connects.
      await page.goto(`${base}${target.path}`, { waitUntil: "networkidle0" });
      const scores = { performance: [], accessibility: [], cpu: [] };
      for (let run = 1; run <= runs; run++) {
        const cpu = await calibrate(page);
        scores.cpu.push(cpu);
        const flags = { output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: cpu.multiplier } };
        const result = await lighthouse(`${base}${target.path}`, flags, undefined, page);
        if (!result) throw new Error(`no Lighthouse result for ${target.path}`);
        const { lhr, report } = result;
        if (lhr.runtimeError) throw new Error(`${target.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        if (new URL(lhr.finalDisplayedUrl).pathname !== target.path) throw new Error(`${target.path} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
        writeFileSync(join(reportDir, `${target.name}-${run}.json`), Array.isArray(report) ? report[0] : report);
        const perf = Math.round((lhr.categories.performance?.score ?? 0) * 100);
        const a11y = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
        scores.performance.push(perf);
        scores.accessibility.push(a11y);
        const metric = (id) => lhr.audits[id]?.displayValue ?? "?";
        log(`${target.name} run ${run}: performance ${perf}, accessibility ${a11y} (BenchmarkIndex ${cpu.benchmarkIndex}, CPU ${cpu.multiplier}x; FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")})`);
        const failed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0));
        for (const audit of failed) log(`  accessibility: ${audit.id} — ${audit.title}`);
      }
      results.push({ page: target.name, path: target.path, account: target.account, performance: scores.performance, accessibility: scores.accessibility, cpu: scores.cpu, median: { performance: median(scores.performance), accessibility: median(scores.accessibility) } });
      await page.browserContext().close();
    }
  } finally {
    await browser.close();
    await stop();
  }

  writeFileSync(join(reportDir, "summary.json"), `${JSON.stringify({ date: new Date().toISOString(), machine, thresholds: THRESHOLDS, runs, results }, null, 2)}\n`);
  console.info(`\n${"page".padEnd(20)} ${"performance".padStart(14)} ${"accessibility".padStart(14)}`);
  for (const r of results) console.info(`${r.page.padEnd(20)} ${String(r.median.performance).padStart(14)} ${String(r.median.accessibility).padStart(14)}   runs: ${r.performance.join("/")} · ${r.accessibility.join("/")}`);
  console.info(`reports: ${reportDir}`);
  const below = results.flatMap((r) => Object.entries(THRESHOLDS).filter(([category, min]) => r.median[category] < min).map(([category, min]) => `${r.page} ${category} ${r.median[category]} < ${min}`));
  if (below.length) {
    for (const line of below) console.error(`[lighthouse] below the threshold: ${line}`);
    process.exit(1);
  }
  log("every page meets its thresholds");
}

await main();
