import { existsSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../messages";
import { clientModules, SRC, source, sourceFiles } from "../module-graph";

/**
 * Each layout and page passes the browser only the message namespaces its client components use
 * (./client-messages.tsx). This reads the source to work out which those are — every namespace a
 * client module names in useTranslations("…"), or as the first part of a key string ("ns.key",
 * `ns.${…}`) — and checks that the provider over each file's client components lists them all.
 */
const NAMESPACES = new Set(Object.keys(MESSAGES["zh-CN"]));
const APP = join(SRC, "app");

function namespacesUsed(file: string): Set<string> {
  const code = source(file);
  const used = new Set<string>();
  for (const [, ns] of code.matchAll(/(?:useTranslations|getTranslations)\(\s*["'`]([A-Za-z]+)/g)) used.add(ns!);
  // Keys given whole ("ns.key", `ns.${x}`) to a translator without a namespace, or built first.
  for (const [, ns] of code.matchAll(/["'`]([A-Za-z]+)\.[A-Za-z$]/g)) if (NAMESPACES.has(ns!)) used.add(ns!);
  return new Set([...used].filter((ns) => NAMESPACES.has(ns)));
}

/** The namespaces the client components of a layout, page or boundary file use. */
function needed(file: string): string[] {
  const out = new Set<string>();
  for (const client of clientModules(file)) for (const ns of namespacesUsed(client)) out.add(ns);
  return [...out].sort();
}

function declared(file: string): string[] | null {
  const match = /<ClientMessages namespaces=\{\[([^\]]*)\]\}>|withClientMessages\(\s*\[([^\]]*)\]/.exec(source(file));
  return match ? [...(match[1] ?? match[2])!.matchAll(/"([A-Za-z]+)"/g)].map(([, ns]) => ns!) : null;
}

/** The provider over a file's content: its own declaration, else the nearest layout's above it. */
function providerOf(file: string): { at: string; namespaces: string[] } {
  const own = declared(file);
  if (own) return { at: file, namespaces: own };
  for (let dir = basename(file) === "layout.tsx" ? dirname(dirname(file)) : dirname(file); dir.startsWith(APP); dir = dirname(dir)) {
    const layout = join(dir, "layout.tsx");
    const list = existsSync(layout) ? declared(layout) : null;
    if (list) return { at: layout, namespaces: list };
  }
  throw new Error(`no ClientMessages above ${relative(SRC, file)}`);
}

const routeFiles = sourceFiles(APP).filter((f) => /^(page|layout|error|loading|not-found|template)\.tsx$/.test(basename(f)));

describe("the messages sent to the browser", () => {
  it("cover the namespaces of every layout's and page's client components", () => {
    const missing = routeFiles.flatMap((file) => {
      const { at, namespaces } = providerOf(file);
      const absent = needed(file).filter((ns) => !namespaces.includes(ns));
      return absent.length ? [`${relative(SRC, file)} needs ${absent.join(", ")} (add to ${relative(SRC, at)})`] : [];
    });
    expect(missing).toEqual([]);
  });

  it("name only namespaces that exist and that the file's own client components use", () => {
    const extra = routeFiles.flatMap((file) => {
      const list = declared(file);
      if (!list) return [];
      // A layout's list also serves the pages below it that declare none.
      const below = basename(file) === "layout.tsx" ? routeFiles.filter((f) => f !== file && f.startsWith(dirname(file)) && providerOf(f).at === file) : [];
      const used = new Set([file, ...below].flatMap(needed));
      const unused = list.filter((ns) => !NAMESPACES.has(ns) || !used.has(ns));
      return unused.length ? [`${relative(SRC, file)}: ${unused.join(", ")}`] : [];
    });
    expect(extra).toEqual([]);
  });
});

