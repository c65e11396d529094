import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { MEMBER_ROUTES } from "../scripts/bundle-budget.mjs";
import { clientModules, SRC, source, sourceFiles } from "./module-graph";

/**
 * zod is 30 kB of gzip: the pages members open leave it out of their first load (scripts/
 * bundle-budget.mjs measures the build; this check names the import that brings it back, before
 * any build). A client module reaches zod through `zod` itself or a module of @dm/api that
 * imports it: every schema, and any domain module built on one.
 */
const API_SRC = resolve(SRC, "../../../packages/api/src");
const valueImports = (code: string) => [...code.matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gm)].map(([, spec]) => spec ?? "");

const apiMemo = new Map<string, boolean>();
/** Whether a module of packages/api brings zod, through its own imports or those of the modules it imports. */
function apiBringsZod(file: string, seen = new Set<string>()): boolean {
  if (apiMemo.has(file)) return apiMemo.get(file)!;
  if (seen.has(file)) return false;
  seen.add(file);
  const result = valueImports(source(file)).some((spec) => {
    if (spec === "zod" || spec.startsWith("zod/")) return true;
    if (!spec.startsWith(".")) return false;
    const path = [".ts", "/index.ts"].map((ext) => resolve(dirname(file), spec) + ext).find((p) => existsSync(p));
    return path ? apiBringsZod(path, seen) : false;
  });
  apiMemo.set(file, result);
  return result;
}

/** What in a client module brings zod: its imports of zod and of @dm/api modules that do. */
function zodImports(file: string): string[] {
  return valueImports(source(file)).filter((spec) => {
    if (spec === "zod" || spec.startsWith("zod/")) return true;
    if (spec === "@dm/api") return true;
    const api = /^@dm\/api\/(domain|schemas|exports)\/(.+)$/.exec(spec);
    return api ? apiBringsZod(join(API_SRC, api[1]!, `${api[2]}.ts`)) : false;
  });
}

const files = sourceFiles();
const SEGMENT_FILES = /^(layout|template|error|loading|not-found)\.tsx$/;
/** The route a page serves: its folders under app/, route groups left out. */
const routeOf = (page: string) =>
  `/${relative(join(SRC, "app"), dirname(page))
    .split(sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/")}`;

/** A route's page and the layouts and boundaries of the folders above it. */
function routeFiles(route: string): string[] {
  const page = route === "/_not-found" ? join(SRC, "app/not-found.tsx") : files.find((f) => f.endsWith(`${sep}page.tsx`) && routeOf(f) === route);
  if (!page) return [];
  const dir = dirname(page);
  return [page, ...files.filter((f) => SEGMENT_FILES.test(f.slice(dirname(f).length + 1)) && (dir === dirname(f) || dir.startsWith(dirname(f) + sep)))];
}

describe("the pages members open", () => {
  it("are all found in the app", () => {
    expect(MEMBER_ROUTES.filter((route) => routeFiles(route).length === 0)).toEqual([]);
  });

  it("bring no zod to the browser", () => {
    const offenders = MEMBER_ROUTES.flatMap((route) =>
      routeFiles(route).flatMap((file) =>
        [...clientModules(file)].flatMap((client) => zodImports(client).map((spec) => `${route}: ${relative(SRC, client)} imports ${spec}`)),
      ),
    );
    expect([...new Set(offenders)]).toEqual([]);
  });

  it("would be caught importing a schema", () => {
    // The check itself: a staff page's client component that does import one is named.
    expect(zodImports(join(SRC, "app/(app)/members/member-directory.tsx"))).toEqual(["@dm/api/schemas/member"]);
    expect(apiBringsZod(join(API_SRC, "domain/input-rules.ts"))).toBe(false);
  });
});
