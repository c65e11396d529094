import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DASHBOARD_ROUTES, markdown, measure, MEMBER_ROUTES, routeKind } from "./bundle-budget.mjs";

describe("routeKind", () => {
  it("budgets the members' and public pages, the dashboards, and the rest as staff pages", () => {
    expect(routeKind("/activities/check-in")).toBe("member");
    expect(routeKind("/login")).toBe("member");
    expect(routeKind("/dashboard")).toBe("dashboard");
    expect(routeKind("/tasks/[id]")).toBe("staff");
    expect(new Set([...MEMBER_ROUTES, ...DASHBOARD_ROUTES]).size).toBe(MEMBER_ROUTES.length + DASHBOARD_ROUTES.length);
  });
});

describe("measure", () => {
  // A build in miniature: two routes sharing a chunk, as next build describes them.
  const app = mkdtempSync(join(tmpdir(), "bundle-budget-"));
  afterAll(() => rmSync(app, { recursive: true, force: true }));
  mkdirSync(join(app, ".next/diagnostics"), { recursive: true });
  mkdirSync(join(app, ".next/static/chunks"), { recursive: true });
  const chunk = (name: string, length: number) => {
    // Random bytes do not compress: the gzip sizes stay near the lengths.
    const bytes = randomBytes(length);
    writeFileSync(join(app, ".next/static/chunks", name), bytes);
    return gzipSync(bytes, { level: 6 }).length;
  };
  const shared = chunk("shared.js", 120_000);
  const login = chunk("login.js", 40_000);
  const tasks = chunk("tasks.js", 90_000);
  writeFileSync(join(app, ".next/static/chunks/styles.css"), "body{}");
  const paths = (names: string[]) => names.map((n) => `.next/static/chunks/${n}`);
  writeFileSync(
    join(app, ".next/diagnostics/route-bundle-stats.json"),
    JSON.stringify([
      { route: "/login", firstLoadUncompressedJsBytes: 0, firstLoadChunkPaths: paths(["shared.js", "login.js", "shared.js", "styles.css"]) },
      { route: "/tasks", firstLoadUncompressedJsBytes: 0, firstLoadChunkPaths: paths(["shared.js", "tasks.js"]) },
    ]),
  );

  it("sums each route's JS, gzipped, counting a shared chunk once and no CSS", () => {
    const rows = measure(app);
    expect(rows.map((r) => [r.route, r.kind, r.gzip, r.files])).toEqual([
      ["/login", "member", shared + login, 2],
      ["/tasks", "staff", shared + tasks, 2],
    ]);
    expect(rows.every((r) => !r.over)).toBe(true);
  });

  it("flags a route over its budget", () => {
    const rows = measure(app, { member: 150, dashboard: 250, staff: 200 });
    expect(rows.map((r) => [r.route, r.over])).toEqual([
      ["/login", true],
      ["/tasks", true],
    ]);
    expect(markdown(rows)).toContain("| `/login` | member | ");
    expect(markdown(rows)).toContain("**over**");
  });
});
