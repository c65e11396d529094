import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { entropy, isSecretFile, scanClient, scanSource } from "./secrets";

const root = resolve(import.meta.dirname, "../..");
// Built from parts, so this file does not itself hold the markers it tests.
const KEY_HEADER = ["-----BEGIN", "RSA PRIVATE KEY-----"].join(" ");
const RANDOM = "f9Q2xL7vR4kT8mZ1pW6cN3bH5jD0sY2u";

describe("the secret scanner", () => {
  it("finds a private key, a cloud key and a token", () => {
    expect(scanSource("a.txt", `x\n${KEY_HEADER}\nMIIE`).map((f) => [f.line, f.rule])).toEqual([[2, "private key"]]);
    expect(scanSource("a.ts", `const id = "AKIA${"Q".repeat(16)}";`)[0]?.rule).toBe("AWS access key id");
    expect(scanSource("a.ts", `token: "ghp_${"a1B2".repeat(9)}"`).map((f) => f.rule)).toContain("GitHub token");
  });

  it("finds a random-looking value assigned to a secret-named key, not a phrase or an interpolation", () => {
    expect(scanSource("a.ts", `AUTH_SECRET="${RANDOM}"`)[0]?.rule).toBe("high-entropy secret assignment");
    expect(scanSource("a.json", `"apiKey": "${RANDOM}"`)).toHaveLength(1);
    expect(scanSource("a.ts", `password: "aaaaaaaaaaaaaaaaaaaa"`)).toEqual([]);
    expect(scanSource("a.ts", `export const TEST_PASSWORD = "Test-Password-2026";`)).toEqual([]);
    expect(scanSource("a.ts", `const token = "${"0123456789abcdef".repeat(2)}";`)).toHaveLength(1);
    expect(scanSource("a.ts", `const secret = \`\${prefix}-${RANDOM}\`;`)).toEqual([]);
    expect(entropy(RANDOM)).toBeGreaterThan(3.5);
  });

  it("finds a connection string with a real password, not the local test database's", () => {
    expect(scanSource("a.ts", `postgres://app:${RANDOM}@db.example.org/app`)[0]?.rule).toBe("connection string with a password");
    expect(scanSource("a.ts", "postgres://postgres:postgres@127.0.0.1:5432/none")).toEqual([]);
    expect(scanSource("a.ts", "postgres://${USER}:${PASSWORD}@127.0.0.1")).toEqual([]);
  });

  it("knows which files are secrets by name", () => {
    for (const path of [".env", "apps/web/.env.local", "deploy/server.key", "certs/site.pem", "id_ed25519"]) expect(isSecretFile(path), path).toBe(true);
    for (const path of [".env.example", "packages/auth/src/env.ts", "keys.ts"]) expect(isSecretFile(path), path).toBe(false);
  });

  it("finds a server secret or a database URL in client code", () => {
    expect(scanClient("c.js", `var s="${RANDOM}"`, [RANDOM]).map((f) => f.rule)).toEqual(["server secret value"]);
    expect(scanClient("c.js", `fetch("postgresql://x")`, []).map((f) => f.rule)).toEqual(["database connection string"]);
    expect(scanClient("c.js", "process.env.DATABASE_URL", []).map((f) => f.rule)).toEqual(["DATABASE_URL"]);
    expect(scanClient("c.js", "console.log(1)", [RANDOM])).toEqual([]);
  });
});

describe("the repository", () => {
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);

  it("is scanned in full", () => {
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked).toContain("tests/security/secrets.ts");
  });

  it("tracks no secret file (.env, keys, certificates)", () => {
    expect(tracked.filter(isSecretFile)).toEqual([]);
  });

  it("holds no secret in any tracked text file", () => {
    const findings = tracked.flatMap((file) => {
      const bytes = readFileSync(resolve(root, file));
      if (bytes.includes(0)) return []; // binary (images); secrets are text
      return scanSource(file, bytes.toString("utf8"));
    });
    expect(findings).toEqual([]);
  });
});
