import { readFileSync } from "node:fs";
import { type Browser, chromium, type Page } from "@playwright/test";
import { TRPCError } from "@trpc/server";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorText } from "@dm/api";
import { createDb, type Db, sql } from "@dm/db";
import { Session } from "./support/http";
import { type Call, Load, type Write } from "./support/load";
import { summary } from "./support/stats";
import { type App, type Database, PORTS, startApp, startDatabase } from "./support/servers";

/**
 * Issue #8, outage: the production app under steady load from six signed-in users while its
 * PostgreSQL is stopped (fast shutdown, as `pg_ctl stop -m fast`) and started again.
 *
 * - While the database is down every request is answered, within the configured connect
 *   timeout plus a margin, with 503 and a message in the caller's language; pages show "service
 *   temporarily unavailable" with 503; /api/health says `database: down`; nothing shows internals.
 * - Once PostgreSQL accepts connections again the app serves reads and writes by itself (no
 *   restart) within 10 s, and the `npm start` process, job worker included, is still running.
 * - No write is half-applied: each one the load issued has its change, its timeline event and
 *   its audit event (found by its request id), or none of them.
 */

/** DB_CONNECT_TIMEOUT_SECONDS (the app runs with the default, 5 s) plus a margin for a loaded 2-core machine. */
const CONNECT_TIMEOUT_MS = 5_000;
const FAIL_FAST_LIMIT_MS = CONNECT_TIMEOUT_MS + 1_000;
const RECOVERY_LIMIT_MS = 10_000;
const PREFIX = "outage";

const WRITERS = ["liling", "hetang", "lusong", "shifeng"] as const;
/** shifeng reads the platform in English: the outage messages must be English for them. */
const ENGLISH = "shifeng";

/** The web's own texts (apps/web/messages/<locale>/<file>.json). */
const webMessages = (locale: string, file = "core") => JSON.parse(readFileSync(new URL(`../../apps/web/messages/${locale}/${file}.json`, import.meta.url), "utf8")) as Record<string, Record<string, unknown>>;
const unavailableText = (locale: "zh-CN" | "en") => errorText(new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "error.SERVICE_UNAVAILABLE" }), locale);
/** What a response must never show: driver errors, SQL, connection strings, stack frames. */
const INTERNALS = /ECONNREFUSED|CONNECTION_|Failed query|DrizzleQueryError|select "|postgres:\/\/|\bat [\w.<>$]+ \(|node_modules/;

let database: Database;
let app: App;
let check: Db;
let browser: Browser | undefined;

/** What a person in Chromium saw: the page opened during the outage, then 重试 after recovery. */
const seen = { status: 0, heading: "", text: "", afterRetry: "", signIn: "" };

/** The run, in performance.now() milliseconds. */
const timeline = { stopRequested: 0, stopped: 0, startRequested: 0, ready: 0, recovered: { health: 0, read: 0, write: 0 } };
let load: Load;

beforeAll(async () => {
  database = await startDatabase(PORTS.pg);
  // Jobs poll every 2 s here so the check that the worker survived the outage is quick.
  app = await startApp({ name: "outage", port: PORTS.appA, databaseUrl: database.url, env: { JOBS_POLL_SECONDS: "2" } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await load?.stop();
  await check?.$client.end({ timeout: 5 });
  await app?.stop();
  await database?.destroy();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function writerOf(identifier: string) {
  const session = await Session.signIn(app.base, identifier);
  if (identifier === ENGLISH) session.cookie += "; NEXT_LOCALE=en";
  const me = await session.query<{ committeeId: number }>(app.base, "account.me");
  const departments = await session.query<{ id: number }[]>(app.base, "problem.departments", { committeeId: me.data!.committeeId });
  return { session, committeeId: me.data!.committeeId, departmentId: departments.data![0]!.id };
}

/** Calls made entirely while PostgreSQL was stopped. */
const duringOutage = (c: Call) => c.startedAt >= timeline.stopped && c.endedAt <= timeline.startRequested;

describe("PostgreSQL stops under load and comes back", () => {
  it("runs the load through the outage and the recovery", async () => {
    const writers = await Promise.all(WRITERS.map(writerOf));
    const [leader, citystaff] = await Promise.all([Session.signIn(app.base, "leader"), Session.signIn(app.base, "citystaff")]);

    // A person in a browser, signed in as the leader, with the ledger open in a tab.
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    const context = await browser.newContext({ locale: "zh-CN" });
    await context.addCookies(leader.cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: app.base })));
    const tab: Page = await context.newPage();

    load = new Load(app.base, PREFIX);
    for (const w of writers) load.writer(w);
    load.reader(leader);
    load.exporter(citystaff);
    load.health(200);
    await sleep(4_000);

    timeline.stopRequested = performance.now();
    await database.stop();
    timeline.stopped = performance.now();
    await sleep(1_000);
    const response = await tab.goto(`${app.base}/problems`);
    seen.status = response?.status() ?? 0;
    seen.heading = (await tab.locator("h1").first().textContent({ timeout: 10_000 })) ?? "";
    seen.text = await tab.locator("body").innerText();
    // Someone signing in meanwhile is told the service is unavailable (the form's `unavailable`).
    seen.signIn = (await Session.attemptSignIn(app.base, "chaling")).location;
    await sleep(Math.max(0, timeline.stopped + 6_000 - performance.now()));

    timeline.startRequested = performance.now();
    await database.start();
    timeline.ready = performance.now();

    // From the moment PostgreSQL accepts connections: how long until the app answers health,
    // a read and a write again, by itself.
    const probe = writers[0]!;
    const until = timeline.ready + 20_000;
    while ((!timeline.recovered.health || !timeline.recovered.read || !timeline.recovered.write) && performance.now() < until) {
      const [health, read, write] = await Promise.all([
        timeline.recovered.health ? null : fetch(`${app.base}/api/health`).then((r) => r.status),
        timeline.recovered.read ? null : probe.session.query(app.base, "problem.list", { page: 1 }),
        timeline.recovered.write ? null : load.create(probe),
      ]);
      const now = performance.now();
      if (health === 200) timeline.recovered.health = now;
      if (read?.status === 200) timeline.recovered.read = now;
      if (write?.status === 200) timeline.recovered.write = now;
      await sleep(100);
    }
    // The person presses 重试 on the error page: the ledger comes back without a reload.
    await tab.getByRole("button", { name: "重试" }).click();
    await tab.getByRole("heading", { level: 1, name: "问题清单" }).waitFor({ timeout: 10_000 });
    seen.afterRetry = (await tab.locator("h1").first().textContent()) ?? "";
    // The load goes on for a while after recovery: all of it must succeed.
    await sleep(3_000);
    await load.stop();
    check = createDb(database.url, { max: 2 });

    const outage = load.calls.filter(duringOutage);
    console.info(
      [
        `[outage] load: ${load.calls.length} requests, ${load.writes.length} writes; PostgreSQL stop took ${(timeline.stopped - timeline.stopRequested).toFixed(0)} ms, start ${(timeline.ready - timeline.startRequested).toFixed(0)} ms`,
        `[outage] before the stop: ${summary(load.calls.filter((c) => c.endedAt < timeline.stopRequested).map((c) => c.ms))}`,
        `[outage] while down: ${outage.length} requests, latency ${summary(outage.map((c) => c.ms))}`,
        ...(["health", "query", "write", "page", "export"] as const).map((kind) => `[outage]   ${kind.padEnd(6)} ${summary(outage.filter((c) => c.kind === kind).map((c) => c.ms))}`),
        `[outage] recovered after PostgreSQL was ready: health ${(timeline.recovered.health - timeline.ready).toFixed(0)} ms, read ${(timeline.recovered.read - timeline.ready).toFixed(0)} ms, write ${(timeline.recovered.write - timeline.ready).toFixed(0)} ms`,
      ].join("\n"),
    );
    expect(outage.length, "requests answered while the database was down").toBeGreaterThan(20);
  });

  it("answers every request while the database is down within the connect timeout, with 503", () => {
    const outage = load.calls.filter(duringOutage);
    for (const kind of ["health", "query", "write", "page", "export"] as const) expect(outage.some((c) => c.kind === kind), `a ${kind} during the outage`).toBe(true);
    const slow = outage.filter((c) => c.ms > FAIL_FAST_LIMIT_MS);
    expect(slow.map((c) => `${c.what} ${c.ms.toFixed(0)} ms`), `answered later than ${FAIL_FAST_LIMIT_MS} ms`).toEqual([]);
    const not503 = outage.filter((c) => c.status !== 503);
    expect(not503.map((c) => `${c.what} → ${c.status} ${c.error ?? c.body.slice(0, 200)}`)).toEqual([]);
  });

  it("says so in the caller's language and shows no internals", () => {
    const outage = load.calls.filter(duringOutage);
    for (const c of outage) expect(c.body, `${c.what} shows internals`).not.toMatch(INTERNALS);

    for (const c of outage.filter((c) => c.kind === "query" || c.kind === "write")) {
      const error = (c as { trpcError?: { message: string; data: { code: string; httpStatus: number } } }).trpcError;
      expect(error?.data.code, c.what).toBe("SERVICE_UNAVAILABLE");
      expect(error?.data.httpStatus).toBe(503);
      expect(error?.message, `${c.who}: ${c.what}`).toBe(unavailableText(c.who === ENGLISH ? "en" : "zh-CN"));
    }
    for (const c of outage.filter((c) => c.kind === "health")) expect(JSON.parse(c.body)).toMatchObject({ status: "unavailable", database: "down" });
    for (const c of outage.filter((c) => c.kind === "export")) {
      expect(c.contentType).toMatch(/^text\/plain/);
      expect(c.body).toBe((webMessages("zh-CN", "exports").exports!.errors as Record<string, string>).unavailable);
    }
    // Pages: the error page, told that the service is unavailable (the digest its error carries).
    for (const c of outage.filter((c) => c.kind === "page")) {
      expect(c.contentType).toMatch(/^text\/html/);
      expect(c.body, `${c.who} ${c.what}`).toContain("DM_SERVICE_UNAVAILABLE");
    }
  });

  it("shows a person in a browser that the service is temporarily unavailable, and 重试 brings the page back; sign-in says so too", () => {
    const errors = webMessages("zh-CN").errors as Record<string, string>;
    expect(seen.status).toBe(503);
    expect(seen.heading).toBe(errors.unavailableTitle);
    expect(seen.text).toContain(errors.unavailableBody);
    expect(seen.text).not.toContain(errors.errorTitle);
    expect(seen.text).not.toMatch(INTERNALS);
    expect(seen.text).not.toMatch(/错误编号|DM_SERVICE_UNAVAILABLE/);
    expect(seen.afterRetry).toBe("问题清单");
    expect(new URL(seen.signIn, app.base).searchParams.get("code"), seen.signIn).toBe("unavailable");
  });

  it("never answers 500 or drops a request, not even those in flight when the server stopped", () => {
    const broken = load.calls.filter((c) => c.status === 0 || c.status >= 500 && c.status !== 503);
    expect(broken.map((c) => `${c.what} → ${c.status} ${c.error ?? c.body.slice(0, 200)}`)).toEqual([]);
    // Those in flight when the stop began are answered within the limit of it, whatever they
    // had been doing before (a page render on a loaded machine takes a while on its own).
    const inFlight = load.calls.filter((c) => c.startedAt < timeline.stopped && c.endedAt > timeline.stopRequested);
    expect(inFlight.filter((c) => c.endedAt - timeline.stopRequested > FAIL_FAST_LIMIT_MS).map((c) => `${c.what} answered ${(c.endedAt - timeline.stopRequested).toFixed(0)} ms after the stop`)).toEqual([]);
    const before = load.calls.filter((c) => c.endedAt < timeline.stopRequested);
    expect(before.filter((c) => c.status !== 200).map((c) => `${c.what} → ${c.status}`), "before the outage").toEqual([]);
  });

  it("recovers by itself within 10 s of PostgreSQL accepting connections", () => {
    for (const [what, at] of Object.entries(timeline.recovered)) {
      expect(at, `${what} never recovered`).toBeGreaterThan(0);
      expect(at - timeline.ready, `${what} recovered after`).toBeLessThan(RECOVERY_LIMIT_MS);
    }
    const recoveredAt = Math.max(...Object.values(timeline.recovered));
    const after = load.calls.filter((c) => c.startedAt > recoveredAt);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((c) => c.status !== 200).map((c) => `${c.what} → ${c.status} ${c.body.slice(0, 200)}`), "after recovery").toEqual([]);
    // Not restarted: the same `npm start` process, web server and job worker.
    expect(app.running()).toBe(true);
    expect(app.output()).not.toMatch(/uncaught|unhandled/i);
  });

  it("leaves no write half-applied: change, timeline event and audit event together or not at all", async () => {
    const audits = new Map<string, number>();
    for (const row of await check.execute<{ request_id: string; n: number }>(sql`select request_id, count(*)::int as n from audit_events where request_id like ${`${PREFIX}-%`} group by request_id`)) {
      audits.set(row.request_id, row.n);
    }
    const problems = await check.execute<{ id: number; title: string; status: string; version: number; created: number; assigned: number }>(sql`
      select p.id, p.title, p.status, p.version,
        (select count(*)::int from problem_events e where e.problem_id = p.id and e.type = 'created') as created,
        (select count(*)::int from problem_events e where e.problem_id = p.id and e.type = 'assigned') as assigned
      from problems p where p.title like '停库演练 %'`);
    const byTitle = new Map(problems.map((p) => [p.title, p]));
    const byId = new Map(problems.map((p) => [p.id, p]));

    const verdicts = load.writes.map((w: Write) => {
      const audit = audits.get(w.requestId) ?? 0;
      let change: number;
      let event: number;
      if (w.action === "problem.create") {
        const row = byTitle.get(w.title!);
        change = row ? 1 : 0;
        event = row?.created ?? 0;
      } else {
        const row = byId.get(w.problemId!)!;
        change = row.status === "rectifying" && row.version === 2 ? 1 : 0;
        event = row.assigned;
      }
      return { w, audit, change, event, answered: w.call.status };
    });
    const torn = verdicts.filter((v) => !(v.audit === v.change && v.event === v.change && v.change <= 1));
    expect(torn.map((v) => `${v.w.action} ${v.w.requestId}: change ${v.change}, timeline ${v.event}, audit ${v.audit} (answered ${v.answered})`)).toEqual([]);
    const lost = verdicts.filter((v) => v.answered === 200 && v.change !== 1);
    expect(lost.map((v) => v.w.requestId), "answered 200 but not written").toEqual([]);
    // Every audit event of the run belongs to a write the load (or the recovery probe) made, once.
    const known = new Set(load.writes.map((w) => w.requestId));
    expect([...audits.keys()].filter((id) => !known.has(id))).toEqual([]);

    const around = verdicts.filter((v) => v.w.call.endedAt > timeline.stopRequested && v.w.call.startedAt < timeline.ready);
    console.info(
      `[outage] writes checked: ${verdicts.length} (${verdicts.filter((v) => v.change === 1).length} applied, ${verdicts.filter((v) => v.change === 0).length} not applied); ` +
        `around the outage: ${around.length} (${around.filter((v) => v.change === 1).length} applied, ${around.filter((v) => v.change === 0).length} not, ` +
        `${around.filter((v) => v.change === 1 && v.answered !== 200).length} applied although the answer was an error)`,
    );
    expect(around.length, "writes attempted around the outage").toBeGreaterThan(10);
  });

  it("keeps the job worker: after the outage it still runs a queued job", async () => {
    const boss = new PgBoss({ connectionString: database.url, supervise: false, schedule: false, migrate: false });
    boss.on("error", () => {});
    await boss.start();
    try {
      const id = await boss.send("overdue-notices", {});
      expect(id).toBeTruthy();
      const started = performance.now();
      let state: string | undefined;
      while (performance.now() - started < 20_000) {
        state = (await boss.getJobById("overdue-notices", id!, { includeArchive: true }))?.state;
        if (state === "completed" || state === "failed") break;
        await sleep(250);
      }
      expect(state, "the inline worker ran the job").toBe("completed");
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
