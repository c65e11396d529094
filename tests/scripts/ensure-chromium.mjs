/**
 * Makes sure the end-to-end tests have a browser. `npx playwright install` cannot download one
 * here, so the tests drive Debian's Chromium (package `chromium`, /usr/bin/chromium) or the
 * binary named by CHROMIUM_PATH. On a fresh Debian/Ubuntu machine running as root (CI), this
 * installs Chromium and the CJK fonts the Chinese UI needs; elsewhere it says what to install.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";

const DEFAULT_PATH = "/usr/bin/chromium";
const HELP = "Playwright needs Debian's Chromium: run `sudo apt-get install chromium fonts-noto-cjk` (or set CHROMIUM_PATH)";
const log = (msg) => console.info(`[ensure-chromium] ${msg}`);

function fail(msg) {
  console.error(`[ensure-chromium] ${msg}`);
  process.exit(1);
}

/** True when `sh -c script` exits 0; its output is discarded. */
function shell(script) {
  return spawnSync("sh", ["-c", script], { stdio: "ignore" }).status === 0;
}

const canApt = typeof process.getuid === "function" && process.getuid() === 0 && shell("command -v apt-get");

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", ...packages]]) {
    log(`apt-get ${args.join(" ")}`);
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) fail(`apt-get ${args[0]} failed (exit ${result.status ?? result.signal}). ${HELP}`);
  }
}

/** Chinese text renders as boxes in screenshots without a CJK font; fc-list is part of fontconfig. */
function hasChineseFont() {
  const result = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim().length > 0;
}

function version(path) {
  const result = spawnSync(path, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

const explicit = process.env.CHROMIUM_PATH;
if (explicit) {
  if (!existsSync(explicit)) fail(`CHROMIUM_PATH is ${explicit}, which does not exist. ${HELP}`);
} else if (!existsSync(DEFAULT_PATH)) {
  if (!canApt) fail(`${DEFAULT_PATH} not found. ${HELP}`);
  aptInstall(["chromium", "fonts-noto-cjk"]);
  if (!existsSync(DEFAULT_PATH)) fail(`${DEFAULT_PATH} is still missing after apt-get install chromium. ${HELP}`);
}

if (!hasChineseFont()) {
  if (canApt) {
    aptInstall(["fonts-noto-cjk"]);
    if (!hasChineseFont()) console.warn("[ensure-chromium] still no Chinese font after installing fonts-noto-cjk: screenshots may show boxes");
  } else {
    console.warn("[ensure-chromium] no Chinese font found (fc-list :lang=zh): run `sudo apt-get install fonts-noto-cjk`, or screenshots show boxes");
  }
}

const path = explicit ?? DEFAULT_PATH;
const found = version(path);
if (!found) fail(`${path} --version failed: the browser cannot run. ${HELP}`);
log(`${found} (${path})`);
