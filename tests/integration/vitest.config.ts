import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  test: {
    root: here,
    include: ["**/*.test.ts"],
    environment: "node",
    // One embedded PostgreSQL for the run; each test file gets its own database cloned from a migrated template.
    globalSetup: ["./global-setup.ts"],
    fileParallelism: true,
    // A 2-core machine: two workers keep PostgreSQL and argon2 from starving each other.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 20_000,
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
    // through Vite it resolves (auth-cookies.test.ts runs the real next-auth configuration).
    server: { deps: { inline: ["next-auth"] } },
    hookTimeout: 60_000,
  },
});
