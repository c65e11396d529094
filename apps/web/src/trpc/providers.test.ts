import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { imports, SRC, sourceFiles } from "../module-graph";

/**
 * React Query's provider is not in the layout (it would be in every page's first load): a page
 * whose client components use its hooks renders them inside HydrateClient (./hydrate.tsx), which
 * brings it. These checks read the imports, so a page that forgets fails here rather than with
 * "No QueryClient set" in a browser.
 */
const src = SRC;
const all = sourceFiles();
const direct = new Set(all.filter((f) => !f.startsWith(join(src, "trpc")) && /from "@tanstack\/react-query"|useTRPC\(/.test(readFileSync(f, "utf8"))));
const memo = new Map<string, boolean>();
function usesReactQuery(file: string, seen = new Set<string>()): boolean {
  if (memo.has(file)) return memo.get(file)!;
  if (seen.has(file)) return false;
  seen.add(file);
  const result = direct.has(file) || imports(file).some((f) => usesReactQuery(f, seen));
  memo.set(file, result);
  return result;
}

const pages = all.filter((f) => f.endsWith("page.tsx") || f.endsWith("layout.tsx"));

describe("React Query's provider", () => {
  it("wraps every page whose components use its hooks", () => {
    const missing = pages.filter((page) => imports(page).some((f) => !f.startsWith(join(src, "trpc")) && usesReactQuery(f)) && !readFileSync(page, "utf8").includes("<HydrateClient>"));
    expect(missing.map((f) => relative(src, f))).toEqual([]);
  });

  it("stays out of the layouts and the pages members open", () => {
    const memberPages = ["app/layout.tsx", "app/(app)/layout.tsx", "app/(app)/page.tsx", "app/(app)/activities/page.tsx", "app/(app)/activities/[id]/page.tsx", "app/(app)/activities/check-in/page.tsx", "app/(app)/participation/page.tsx", "app/(app)/groups/page.tsx", "app/(app)/groups/[id]/page.tsx", "app/(app)/notifications/page.tsx", "app/(app)/account/password/page.tsx", "app/(public)/tip/page.tsx"];
    const offenders = memberPages.filter((page) => {
      const path = join(src, page);
      return readFileSync(path, "utf8").includes("HydrateClient") || imports(path).some((f) => usesReactQuery(f));
    });
    expect(offenders).toEqual([]);
  });
});
