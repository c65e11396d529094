import PgBoss from "pg-boss";
import { type Db, sql } from "@dm/db";
import { jobsTiming } from "./config";
import { sendActivityReminders, sendDeadlineReminders, sendMidMonthWarnings, sendMonthlyReportReminders, sendOverdueNotices } from "./handlers";
import { TIME_ZONE } from "./rules";

/**
 * The jobs and when they run (cron in Asia/Shanghai). Each runs every hour from 08:00 to 20:00:
 * the rules decide what is due on the day and the reminders table keeps each one to a single
 * send, so the later runs only pick up what changed (a late sign-up, a new task) or what a
 * stopped server missed, and nobody is woken at night.
 */
export const JOBS = {
  "deadline-reminders": { cron: "0 8-20 * * *", run: sendDeadlineReminders },
  "overdue-notices": { cron: "2 8-20 * * *", run: sendOverdueNotices },
  "activity-reminders": { cron: "4 8-20 * * *", run: sendActivityReminders },
  "monthly-report-reminders": { cron: "6 8-20 * * *", run: sendMonthlyReportReminders },
  "mid-month-warnings": { cron: "8 8-20 * * *", run: sendMidMonthWarnings },
} satisfies Record<string, { cron: string; run: (db: Db, now: Date) => Promise<number> }>;

export type JobName = keyof typeof JOBS;

/** Advisory lock key under which instances set up the queues one at a time. */
const QUEUE_SETUP_LOCK = 727_101;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** A job's payload: `at` (ISO time) lets a test or an operator run a job as of another moment. */
interface JobData {
  at?: string;
}

/** Runs one job in this process, without the queue: what a queued job does. */
export function runJob(db: Db, name: JobName, now = new Date()): Promise<number> {
  return JOBS[name].run(db, now);
}

export interface WorkerOptions {
  /** The PostgreSQL database the queue lives in (pg-boss keeps its tables in schema `pgboss`). */
  connectionString: string;
  /** Keep the cron schedules from this instance (default true). Any number of instances may. */
  schedule?: boolean;
  /** How often an idle worker looks for queued jobs (default JOBS_POLL_SECONDS, 10). */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
}

export interface Worker {
  /** Queues a job to run now (as of `at`), on whichever worker fetches it first; returns its id. */
  send(name: JobName, at?: Date): Promise<string>;
  /** Resolves when the job has finished, with its state. */
  waitFor(name: JobName, id: string, timeoutMs?: number): Promise<"completed" | "failed" | "cancelled">;
  stop(): Promise<void>;
}

/**
 * Starts a pg-boss worker for every job on `db`'s database: creates the queues, registers the
 * cron schedules and processes jobs until `stop()`. Several may run at once (in each web server,
 * or as separate `npm run worker` processes): pg-boss hands each queued job to one of them, sends
 * a cron tick once across all, and the reminders table makes a job that runs twice harmless.
 */
export async function startWorker(db: Db, options: WorkerOptions): Promise<Worker> {
  const log = options.log ?? ((line: string) => console.info(`[jobs] ${line}`));
  const timing = jobsTiming();
  const boss = new PgBoss({
    connectionString: options.connectionString,
    // The process in pg_stat_activity: which of several instances holds a connection.
    application_name: `dm-jobs/${process.pid}`,
    max: 3,
    schedule: options.schedule ?? true,
    cronMonitorIntervalSeconds: timing.cronCheckSeconds,
  });
  boss.on("error", (error) => {
    // 57P01: PostgreSQL is shutting down (Ctrl-C reaches it with the rest of `npm start`); pg-boss
    // reconnects by itself if it comes back, so this is no error worth reporting.
    if ((error as { code?: string }).code === "57P01") return;
    log(`error: ${error.message}`);
  });
  await boss.start();

  // pg-boss creates a queue with DDL (a partition per queue); two instances doing it at once on
  // a new database deadlock, so they take turns under an advisory lock held by a transaction.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${QUEUE_SETUP_LOCK})`);
    for (const name of JOB_NAMES) {
      // A failed run is retried; a retry sends only what the failed one did not commit.
      await boss.createQueue(name, { name, retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 });
      if (options.schedule ?? true) await boss.schedule(name, JOBS[name].cron, {}, { tz: TIME_ZONE });
    }
  });
  for (const name of JOB_NAMES) {
    // A failed batch is retried whole, which the reminders table makes harmless.
    await boss.work<JobData>(name, { batchSize: 5, pollingIntervalSeconds: options.pollingIntervalSeconds ?? timing.pollSeconds }, async (jobs) => {
      for (const job of jobs) {
        const sent = await runJob(db, name, job.data?.at ? new Date(job.data.at) : new Date());
        if (sent > 0) log(`${name}: ${sent} notification(s) sent`);
      }
    });
  }

  return {
    async send(name, at) {
      const id = await boss.send(name, at ? { at: at.toISOString() } : {});
      if (!id) throw new Error(`pg-boss did not queue ${name}`);
      return id;
    },
    async waitFor(name, id, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const job = await boss.getJobById(name, id, { includeArchive: true });
        if (job && (job.state === "completed" || job.state === "failed" || job.state === "cancelled")) return job.state;
        if (Date.now() > deadline) throw new Error(`${name} job ${id} still ${job?.state ?? "missing"} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      // Let a running job finish (its transaction is short) before the pool closes.
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
