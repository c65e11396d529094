import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The app's own module graph as its source reads, for tests that check what reaches the
 * browser: value imports only (type imports vanish from bundles), app modules only.
 */
export const SRC = resolve(import.meta.dirname);

export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const sources = new Map<string, string>();
export function source(file: string): string {
  let code = sources.get(file);
  if (code === undefined) {
    code = readFileSync(file, "utf8");
    sources.set(file, code);
  }
  return code;
}

export const isClientModule = (file: string) => /^\s*["']use client["']/.test(source(file));
/** Server Functions: a client module that imports them gets references to call, not their code. */
export const isServerFunctions = (file: string) => /^\s*["']use server["']/.test(source(file));

export function imports(file: string): string[] {
  return [...source(file).matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gm)].flatMap(([, spec]) => {
    if (!spec) return [];
    const base = spec.startsWith("@/") ? join(SRC, spec.slice(2)) : spec.startsWith(".") ? resolve(dirname(file), spec) : null;
    if (!base) return [];
    // A specifier may name its file in full (`../../scripts/request-outcome.mjs`).
    const found = ["", ".tsx", ".ts", "/index.tsx", "/index.ts"].map((ext) => base + ext).find((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
    return found ? [found] : [];
  });
}

/** Every module a file brings into the browser: the client modules it reaches and all they import. */
export function clientModules(file: string, inClient = false, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file) || isServerFunctions(file)) return out;
  seen.add(file);
  const client = inClient || isClientModule(file);
  if (client) out.add(file);
  for (const dep of imports(file)) for (const f of clientModules(dep, client, seen)) out.add(f);
  return out;
}
