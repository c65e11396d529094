import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Reliability: the production build (`npm run serve`, what `npm start` runs) on its own embedded
 * PostgreSQL, which the tests stop and restart under load, and two instances on one database.
 * Needs `next build` first (the turbo task depends on it). One file at a time: each starts its
 * own servers and measures latencies that a second file's load would distort.
 *
 * Ports (RELIABILITY_PORT, RELIABILITY_PORT_B, RELIABILITY_PGPORT; 3120, 3121, 55440 by
 * default) can be moved so two checkouts run side by side.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
