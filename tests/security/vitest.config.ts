import { defineConfig } from "vitest/config";

/** The repository's own security checks: no committed secret. Fast, no database. */
export default defineConfig({
  test: { include: ["security/**/*.test.ts"], environment: "node" },
});
