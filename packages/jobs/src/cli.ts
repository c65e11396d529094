/**
 * `npm run worker`: the background jobs in a process of their own (start the web server with
 * JOBS_MODE=worker so it leaves them to this one). `npm run worker -- run [job…]` runs the named
 * jobs (or all) once, now, and exits.
 *
 * DATABASE_URL names the database; without it, the embedded server of `npm start` (PGPORT,
 * default 54329). The database must be migrated: start the web server once first.
 */
import { createDb } from "@dm/db";
import { embeddedUrl } from "@dm/db/embedded";
import { JOB_NAMES, type JobName, runJob, startWorker } from "./worker";

const log = (line: string) => console.info(`[jobs] ${line}`);
const url = process.env.DATABASE_URL || embeddedUrl(Number(process.env.PGPORT ?? 54329), "zhuanxiang");
const db = createDb(url, { max: 3 });

async function runOnce(names: string[]) {
  const unknown = names.filter((n) => !(JOB_NAMES as string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown job(s): ${unknown.join(", ")}; the jobs are ${JOB_NAMES.join(", ")}`);
  for (const name of (names.length > 0 ? names : JOB_NAMES) as JobName[]) log(`${name}: ${await runJob(db, name)} notification(s) sent`);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === "run") {
    await runOnce(args);
    await db.$client.end();
    return;
  }
  if (command) throw new Error(`unknown command "${command}": use no argument to start the worker, or "run [job…]"`);
  const worker = await startWorker(db, { connectionString: url, log });
  log(`worker started: ${JOB_NAMES.join(", ")} (Asia/Shanghai, hourly 08:00–20:00)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    await worker.stop();
    await db.$client.end();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch(async (error: unknown) => {
  console.error(`[jobs] ${error instanceof Error ? error.message : String(error)}`);
  await db.$client.end().catch(() => undefined);
  process.exit(1);
});
