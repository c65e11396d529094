/**
 * `npm run audit`: npm audit of the whole workspace, the
 * production dependencies and then everything (dev tools included). Fails on any high or
 * critical advisory that ../../audit-exceptions.json does not list with a written reason, and on
 * an exception that no longer matches anything (so the list cannot go stale).
 *
 * When the registry's audit endpoint cannot be reached the script fails and says so: an audit
 * that did not run is not a passed audit. NPM_AUDIT=off skips it, loudly, for a machine that
 * has no access to the advisory service.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";

const root = resolve(import.meta.dirname, "../..");
const BLOCKING = new Set(["high", "critical"]);

if (process.env.NPM_AUDIT === "off") {
  console.warn("[audit] SKIPPED: NPM_AUDIT=off. No advisory was checked.");
  process.exit(0);
}

/** @type {{ advisories: { id: string, package: string, reason: string }[] }} */
const exceptions = JSON.parse(readFileSync(resolve(root, "audit-exceptions.json"), "utf8"));
for (const e of exceptions.advisories) {
  if (!e.id || !e.package || !e.reason || e.reason.trim().length < 20) throw new Error(`audit-exceptions.json: every exception needs an id, a package and a written reason (${JSON.stringify(e)})`);
}

/** Runs npm audit; its exit code is non-zero whenever it finds anything, so read the JSON. */
async function audit(args) {
  const result = await promisify(execFile)("npm", ["audit", "--json", ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }).catch((error) => error);
  let report;
  try {
    report = JSON.parse(result.stdout ?? "");
  } catch {
    throw new Error(`npm audit ${args.join(" ")} gave no report:\n${result.stderr ?? result.message}`);
  }
  if (!report.vulnerabilities) {
    throw new Error(`npm audit ${args.join(" ")} could not query the advisory service (${report.message ?? report.error?.summary ?? "no vulnerabilities section"}). The audit did not run.`);
  }
  return report;
}

/** The high and critical advisories of a report, one per advisory and package. */
function blockingAdvisories(report) {
  const found = new Map();
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities)) {
    for (const via of vulnerability.via) {
      // A string names another vulnerable package this one depends on; that one is listed itself.
      if (typeof via === "string" || !BLOCKING.has(via.severity)) continue;
      const id = via.url?.split("/").pop() ?? String(via.source);
      found.set(`${id} ${name}`, { id, package: name, severity: via.severity, title: via.title, range: via.range, fix: vulnerability.fixAvailable });
    }
  }
  return [...found.values()];
}

const seen = new Set();
const reported = new Set();
let failed = false;
for (const [label, args] of [
  ["production dependencies", ["--omit=dev"]],
  ["all dependencies", []],
]) {
  const report = await audit(args).catch((error) => {
    console.error(`[audit] FAILED: ${error.message}`);
    process.exit(1);
  });
  const counts = report.metadata.vulnerabilities;
  console.info(`[audit] ${label}: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`);
  for (const advisory of blockingAdvisories(report)) {
    const exception = exceptions.advisories.find((e) => e.id === advisory.id && e.package === advisory.package);
    const key = `${advisory.id} ${advisory.package}`;
    if (reported.has(key)) continue;
    reported.add(key);
    if (exception) {
      seen.add(exception);
      console.info(`[audit]   excepted ${advisory.severity} ${advisory.id} in ${advisory.package}: ${exception.reason}`);
    } else {
      failed = true;
      console.error(`[audit]   ${advisory.severity.toUpperCase()} ${advisory.id} in ${advisory.package} ${advisory.range}: ${advisory.title} (fix: ${JSON.stringify(advisory.fix)})`);
    }
  }
}
for (const e of exceptions.advisories) {
  if (!seen.has(e)) {
    failed = true;
    console.error(`[audit] audit-exceptions.json lists ${e.id} in ${e.package}, which no longer applies: remove it.`);
  }
}
if (failed) {
  console.error("[audit] FAILED: upgrade the package (exact pin) or add the advisory to audit-exceptions.json with a reason.");
  process.exit(1);
}
console.info("[audit] passed: no unexplained high or critical advisory.");
