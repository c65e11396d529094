/**
 * First-load JavaScript per route, from the production build, against a budget per kind of page.
 * `npm run test:bundle -w @dm/web` (after `next build`); exits 1 when a route is over its budget.
 *
 * What a first load downloads is Next's own account of it: `next build` (Turbopack or webpack)
 * writes .next/diagnostics/route-bundle-stats.json, listing per route the runtime and framework
 * chunks every page gets (`rootMainFiles`) and the chunks of the route's segments — root and
 * group layouts, loading, error and not-found boundaries, the page (the `entryJSFiles` of its
 * client reference manifest). Next sums them uncompressed; this check gzips each file (level 6,
 * as Next's compression sends it) and counts a chunk once per route. Chunks loaded later by
 * `import()` (the dashboard's ECharts) are not part of a first load; neither are the `noModule`
 * polyfills, which browsers that run modules — every browser the platform supports — skip.
 *
 * Writes .next/bundle-budget.json and .next/bundle-budget.md beside the build they describe.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** Budgets in kB (1000 bytes) of gzip. */
export const BUDGETS = { member: 180, dashboard: 250, staff: 250 };

/**
 * Pages members open on their phones (mobile networks), the public tip pages and sign-in:
 * everything a member or a citizen reaches. Exact routes, as the build names them.
 */
export const MEMBER_ROUTES = [
  "/",
  "/login",
  "/tip",
  "/tip/status",
  "/_not-found",
  "/account/password",
  "/notifications",
  "/activities",
  "/activities/[id]",
  "/activities/check-in",
  "/participation",
  "/committees",
  "/groups",
  "/groups/[id]",
  "/groups/[id]/visit",
  "/groups/[id]/opinion",
  "/groups/[id]/appraisal",
];

/** The leaders' overview pages, charts included. */
export const DASHBOARD_ROUTES = ["/dashboard", "/dashboard/briefing", "/coverage"];

/** Every other page is a staff page, used at a desk. @param {string} route @returns {Kind} */
export function routeKind(route) {
  if (MEMBER_ROUTES.includes(route)) return "member";
  if (DASHBOARD_ROUTES.includes(route)) return "dashboard";
  return "staff";
}

/**
 * @typedef {{ route: string; firstLoadChunkPaths: string[] }} RouteStats one row of Next's
 *   .next/diagnostics/route-bundle-stats.json (chunk paths relative to the app folder)
 * @typedef {{ route: string; kind: Kind; files: number; bytes: number; gzip: number; budget: number; over: boolean }} Row
 * @typedef {"member" | "dashboard" | "staff"} Kind
 */

/**
 * Sizes the first load of each route Next lists: the route's chunks, each counted once, gzip
 * compressed as the server sends them.
 * @param {string} appDir the Next.js app folder (holding .next)
 * @param {Record<Kind, number>} budgets
 * @returns {Row[]}
 */
export function measure(appDir, budgets = BUDGETS) {
  const statsFile = join(appDir, ".next/diagnostics/route-bundle-stats.json");
  if (!existsSync(statsFile)) throw new Error(`no ${statsFile}: run \`npx turbo run build --filter=@dm/web\` first`);
  /** @type {RouteStats[]} */
  const stats = JSON.parse(readFileSync(statsFile, "utf8"));
  /** @type {Map<string, { bytes: number; gzip: number }>} */
  const sizes = new Map();
  const sizeOf = (/** @type {string} */ file) => {
    let size = sizes.get(file);
    if (!size) {
      const content = readFileSync(join(appDir, file));
      size = { bytes: content.length, gzip: gzipSync(content, { level: 6 }).length };
      sizes.set(file, size);
    }
    return size;
  };
  return stats
    .map(({ route, firstLoadChunkPaths }) => {
      const files = [...new Set(firstLoadChunkPaths)].filter((f) => f.endsWith(".js"));
      const bytes = files.reduce((sum, f) => sum + sizeOf(f).bytes, 0);
      const gzip = files.reduce((sum, f) => sum + sizeOf(f).gzip, 0);
      const kind = routeKind(route);
      const budget = budgets[kind];
      return { route, kind, files: files.length, bytes, gzip, budget, over: gzip > budget * 1000 };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

const kB = (/** @type {number} */ n) => (n / 1000).toFixed(1);

/** @param {Row[]} rows */
export function markdown(rows) {
  const lines = [
    "| route | kind | first-load JS (kB gzip) | budget (kB) | verdict |",
    "| --- | --- | ---: | ---: | --- |",
    ...rows.map((r) => `| \`${r.route}\` | ${r.kind} | ${kB(r.gzip)} | ${r.budget} | ${r.over ? "**over**" : "ok"} |`),
  ];
  return `${lines.join("\n")}\n`;
}

function main() {
  const appDir = resolve(import.meta.dirname, "..");
  const nextDir = join(appDir, ".next");
  const rows = measure(appDir);
  const missing = [...MEMBER_ROUTES, ...DASHBOARD_ROUTES].filter((r) => !rows.some((row) => row.route === r));
  const width = Math.max(...rows.map((r) => r.route.length));
  console.info(`${"route".padEnd(width)}  kind       kB gzip  budget  verdict`);
  for (const r of rows) console.info(`${r.route.padEnd(width)}  ${r.kind.padEnd(9)}  ${kB(r.gzip).padStart(7)}  ${String(r.budget).padStart(6)}  ${r.over ? "OVER" : "ok"}`);
  writeFileSync(join(nextDir, "bundle-budget.json"), `${JSON.stringify({ budgets: BUDGETS, routes: rows }, null, 2)}\n`);
  writeFileSync(join(nextDir, "bundle-budget.md"), markdown(rows));
  console.info(`\nreport: ${join(nextDir, "bundle-budget.md")} (and .json)`);
  // A renamed page must not slip silently from the member budget to the staff one.
  if (missing.length) console.error(`[bundle-budget] budgeted routes not in the build: ${missing.join(", ")} (update scripts/bundle-budget.mjs)`);
  const over = rows.filter((r) => r.over);
  for (const r of over) console.error(`[bundle-budget] ${r.route}: ${kB(r.gzip)} kB gzip, over its ${r.kind} budget of ${r.budget} kB`);
  if (over.length || missing.length) process.exit(1);
  console.info(`[bundle-budget] ${rows.length} routes within budget`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
