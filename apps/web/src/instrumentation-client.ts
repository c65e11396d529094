/**
 * Runs before any of the app's client modules. Zod compiles object parsers with `new Function`
 * when eval is allowed, probing for it as each object schema is built; the Content-Security-
 * Policy forbids eval, and the browser reports even the caught probe as a violation. The forms'
 * schemas are small: interpret them (zod's `jitless` setting).
 *
 * Zod keeps its settings in one object on globalThis, shared by every copy of zod, and reads it
 * when it loads (zod/v4/core/core.js); setting it here rather than calling `z.config()` keeps
 * zod out of every page's first load — the pages that validate load it with their forms.
 * zod-config.test.ts checks that zod still reads this object.
 */
export {};

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

(globalThis.__zod_globalConfig ??= {}).jitless = true;
