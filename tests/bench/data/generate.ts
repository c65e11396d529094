import { hashPassword } from "@dm/auth/password";
import { migrateDatabase } from "@dm/db/migrate";
import postgres from "postgres";
import { loadActivities } from "./activities";
import { deferConstraints, resetSequences, restoreConstraints } from "./bulk";
import { loadCampaigns } from "./campaigns";
import type { BenchManifest, BenchScale } from "./manifest";
import { loadOrganisation } from "./organisation";
import { loadProblems } from "./problems";
import { loadMonthlyReports, loadSupervision } from "./reports";
import { chinaDay, chinaMonth, shapeOf } from "./shape";
import { LoadTimer } from "./timer";

/** Every generated account signs in with this password (it is also in the manifest). */
export const BENCH_PASSWORD = "Bench@2026-hunan";

export interface GenerateOptions {
  /** A URL of the server's maintenance database (`postgres`), allowed to create databases. */
  adminUrl: string;
  scale: BenchScale;
  /** Told each table's and phase's wall time as it finishes. */
  onStep?: (entry: { name: string; ms: number; rows?: number; phase: boolean }) => void;
}

/** `adminUrl` with another database name. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * (Re)creates the database `bench_<scale>`, applies the committed migrations, loads the data set
 * and analyses it; answers the manifest the benchmarks read. Rows are built here and streamed in
 * with COPY, except the three million sign-ups, which the server draws itself in one INSERT …
 * SELECT; foreign keys and secondary indexes are put back (and so checked) after the load.
 */
export async function generateDataset(options: GenerateOptions): Promise<BenchManifest> {
  const { adminUrl, scale } = options;
  const database = `bench_${scale}`;
  const url = databaseUrl(adminUrl, database);
  const timer = new LoadTimer(options.onStep);
  const now = new Date();

  await timer.phase("create database and migrate", async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${database} with (force)`);
      await admin.unsafe(`create database ${database}`);
    } finally {
      await admin.end();
    }
    await migrateDatabase(url);
  });

  // One session for the whole load: the bench_plan table and the settings live in it.
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    // A commit need not wait for its WAL flush (a crash mid-load means generating again); sorts and
    // index builds get room to work in memory.
    connection: { synchronous_commit: "off", work_mem: "256MB", maintenance_work_mem: "1GB", max_parallel_maintenance_workers: 1 },
  });
  try {
    const deferred = await deferConstraints(sql);
    // Hashed once with the app's argon2id: every account shares it.
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const org = await timer.phase("organisation", () => loadOrganisation(sql, timer, shapeOf(scale), passwordHash));
    const tasks = await timer.phase("campaigns and tasks", () => loadCampaigns(sql, timer, org, now));
    const activities = await timer.phase("activities and sign-ups", () => loadActivities(sql, timer, org, tasks, now));
    await timer.phase("problems and tips", () => loadProblems(sql, timer, org, tasks, activities, now));
    await timer.phase("monthly reports and supervision", async () => {
      await loadMonthlyReports(sql, timer, org, tasks, activities, now);
      await loadSupervision(sql, timer, org, now);
    });
    await timer.phase("indexes and foreign keys", () => restoreConstraints(sql, deferred));
    await resetSequences(sql);
    await timer.phase("vacuum analyze", () => sql`vacuum (analyze)`);
    const counts = await tableCounts(sql);

    return {
      scale,
      database,
      generatedAt: now.toISOString(),
      password: BENCH_PASSWORD,
      counts,
      campaignId: tasks.campaignOf.get(org.cities[0]!.id)!,
      year: Number(chinaDay(now).slice(0, 4)),
      month: chinaMonth(now),
      actors: org.actors,
      progress: { countyStaff: org.actors.countyStaff, assignmentIds: tasks.progressPool },
      signUp: { members: org.signUpPool.usernames, activityIds: activities.signUpPool },
      checkIn: { members: org.checkInPool.usernames, activityIds: activities.checkInPool },
    };
  } finally {
    await sql.end();
  }
}

/** Rows in every table of the app's schema, counted after the load. */
async function tableCounts(sql: postgres.Sql): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${name}`);
    counts[name] = row!.n;
  }
  return counts;
}
