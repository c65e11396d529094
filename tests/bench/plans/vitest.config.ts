import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const bench = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  test: {
    root: bench,
    // The plans of every benchmarked statement, and the generated data's own invariants.
    include: ["plans/**/*.test.ts", "data/**/*.test.ts"],
    environment: "node",
    // One embedded PostgreSQL holding the generated one-tenth data set, loaded once for the run.
    globalSetup: ["./plans/global-setup.ts"],
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 60_000,
    // Loading the data set takes about 20 s on an idle 2-core machine; allow for a busy one.
    hookTimeout: 240_000,
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses.
    server: { deps: { inline: ["next-auth"] } },
  },
});
