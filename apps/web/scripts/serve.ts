/**
 * `npm start`: the platform on one command. Starts the embedded PostgreSQL (unless
 * DATABASE_URL names a server), applies the committed migrations, seeds the demo data once,
 * builds if no build exists, and serves the production build. Ctrl-C stops both servers.
 *
 * DATA_DIR (default <repo>/.data) holds the embedded database, the generated auth secret and
 * the attachment files (in attachments/, unless ATTACHMENTS_DIR names another folder).
 *
 * The background jobs (reminders, @dm/jobs) run in this process by default (JOBS_MODE=inline):
 * it owns the database's life, so it starts them after the migrations and stops them before
 * PostgreSQL; they stay out of Next's bundle and off the web server's event loop. With
 * JOBS_MODE=worker a separate `npm run worker` runs them; JOBS_MODE=off runs none.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { createDb, type Db } from "@dm/db";
import { type EmbeddedServer, startEmbeddedPostgres } from "@dm/db/embedded";
import { migrateDatabase } from "@dm/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@dm/db/seed";
import { hashPassword } from "@dm/auth/password";
import { parseJobsMode, startWorker, type Worker } from "@dm/jobs";

const webDir = resolve(import.meta.dirname, "..");
const dataDir = resolve(process.env.DATA_DIR ?? join(webDir, "../../.data"));
const port = Number(process.env.PORT ?? 3000);
const log = (msg: string) => console.info(`[start] ${msg}`);

let pg: EmbeddedServer | undefined;
let web: ChildProcess | undefined;
let jobs: { worker: Worker; db: Db } | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (web && web.exitCode === null) {
    web.kill("SIGTERM");
    await new Promise((r) => web!.once("exit", r));
  }
  if (jobs) {
    log("stopping background jobs…");
    await jobs.worker.stop().catch((e: unknown) => console.error(`[start] ${String(e)}`));
    await jobs.db.$client.end();
  }
  if (pg) {
    log("stopping PostgreSQL…");
    await pg.stop();
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** next-auth signs sessions with AUTH_SECRET; generate one per installation and keep it. */
function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");

function next(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextCli, ...args], { cwd: webDir, env, stdio: "inherit" });
}

async function main() {
  const jobsMode = parseJobsMode(process.env.JOBS_MODE);
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    log("using the PostgreSQL server in DATABASE_URL");
  } else {
    const pgPort = Number(process.env.PGPORT ?? 54329);
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${join(dataDir, "pg")})`);
    pg = await startEmbeddedPostgres({ dataDir: join(dataDir, "pg"), port: pgPort });
    await pg.ensureDatabase("zhuanxiang");
    databaseUrl = pg.url("zhuanxiang");
  }

  await migrateDatabase(databaseUrl);
  log("migrations applied");
  const db = createDb(databaseUrl, { max: 1 });
  const { seeded } = await seedDemo(db, await hashPassword(DEMO_PASSWORD));
  await db.$client.end();
  log(seeded ? "demo data loaded" : "demo data already present (kept as is)");

  const attachmentsDir = resolve(process.env.ATTACHMENTS_DIR || join(dataDir, "attachments"));
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret(), ATTACHMENTS_DIR: attachmentsDir, NODE_ENV: "production" as const };
  if (!existsSync(join(webDir, ".next/BUILD_ID"))) {
    log("no production build found: building…");
    const build = next(["build"], env);
    const code: number = await new Promise((r) => build.once("exit", (c) => r(c ?? 1)));
    if (code !== 0) throw new Error(`next build failed (${code})`);
  }

  if (jobsMode === "inline") {
    const jobsDb = createDb(databaseUrl, { max: 3 });
    jobs = { worker: await startWorker(jobsDb, { connectionString: databaseUrl }), db: jobsDb };
    log("background jobs running (JOBS_MODE=inline)");
  } else log(jobsMode === "worker" ? "background jobs left to `npm run worker` (JOBS_MODE=worker)" : "background jobs off (JOBS_MODE=off)");

  web = spawn(process.execPath, [join(webDir, "scripts/web-server.mjs")], { cwd: webDir, env: { ...env, PORT: String(port) }, stdio: "inherit" });
  web.once("exit", (code) => void shutdown(stopping ? 0 : (code ?? 1)));

  console.info(`
  专项民主监督协同平台  http://localhost:${port}

  演示账号 (demo accounts) — 密码 password: ${DEMO_PASSWORD}
${DEMO_ACCOUNTS.slice(0, 5)
  .map((a) => `    ${a.username.padEnd(10)} ${a.displayName}（${a.title}）${a.phone ? `  手机号 ${a.phone}` : ""}`)
  .join("\n")}
${(["county_staff", "city_leader", "township_liaison"] as const)
  .map((role) => `    ${{ county_staff: "其他县市区工作人员", city_leader: "其他主席会议成员", township_liaison: "其他乡镇联络员" }[role]}: ${DEMO_ACCOUNTS.slice(5).filter((a) => a.role === role).map((a) => a.username).join(", ")}`)
  .join("\n")}

  Ctrl-C 停止 (stops the web server and PostgreSQL)
`);
}

main().catch(async (error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
