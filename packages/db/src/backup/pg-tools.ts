import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { majorVersion } from "./manifest";

/**
 * pg_dump and pg_restore, when a usable one is at hand: named by PG_DUMP / PG_RESTORE, or on
 * PATH. A pg_dump refuses a server newer than itself, so one is usable only when its major
 * version is at least the server's. Nothing here is required: without them the built-in method
 * does the same job.
 */
export interface PgTool {
  path: string;
  version: string;
  major: number;
}

const run = promisify(execFile);

export async function findPgTool(name: "pg_dump" | "pg_restore", minimumMajor: number, env: NodeJS.ProcessEnv = process.env): Promise<{ tool: PgTool | null; reason: string }> {
  const named = env[name === "pg_dump" ? "PG_DUMP" : "PG_RESTORE"];
  const path = named || name;
  let version: string;
  try {
    version = (await run(path, ["--version"], { timeout: 10_000, env })).stdout.trim();
  } catch {
    if (named) throw new Error(`${name === "pg_dump" ? "PG_DUMP" : "PG_RESTORE"}=${named} does not run`);
    return { tool: null, reason: `no ${name} on PATH` };
  }
  const major = majorVersion(version);
  if (major === null) return { tool: null, reason: `cannot read the version of ${path} ("${version}")` };
  if (major < minimumMajor) {
    const reason = `${path} is version ${major}, older than the server's ${minimumMajor}`;
    if (named) throw new Error(reason);
    return { tool: null, reason };
  }
  return { tool: { path, version, major }, reason: `${path} (${version})` };
}

/** The URL without its password, and the password for PGPASSWORD: a password on a command line is visible to every local user. */
function credentials(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runTool(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${tool.path} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * Dumps the database as it is in `snapshot` (exported by the caller's open transaction, so the
 * dump and the manifest's counts see the same data), without pg-boss's queue, owners or grants.
 */
export function pgDump(tool: PgTool, url: string, snapshot: string, file: string): Promise<void> {
  const { dbname, env } = credentials(url);
  return runTool(tool, ["--format=custom", "--no-owner", "--no-privileges", "--exclude-schema=pgboss", `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${dbname}`], env);
}

/** Restores a pg_dump archive into an empty database, all of it or nothing. */
export function pgRestore(tool: PgTool, url: string, file: string): Promise<void> {
  const { dbname, env } = credentials(url);
  return runTool(tool, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${dbname}`, file], env);
}
