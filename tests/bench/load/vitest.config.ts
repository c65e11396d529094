import { defineConfig } from "vitest/config";

/** The load benchmark's pure parts: percentiles, budgets, write pools, tRPC answers, the report. No server, no database. */
export default defineConfig({
  test: { root: import.meta.dirname, include: ["**/*.test.ts"], environment: "node" },
});
