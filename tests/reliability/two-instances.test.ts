import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, sql } from "@dm/db";
import { DEMO_PASSWORD } from "@dm/db/seed";
import { JOB_NAMES, JOBS } from "@dm/jobs";
import { Session } from "./support/http";
import { type App, type Database, PORTS, startApp, startDatabase } from "./support/servers";

/**
 * Issue #8, two app instances on one database: two production servers (`npm run serve`, each
 * with its own port, data folder and in-process job worker, JOBS_MODE=inline) against one
 * PostgreSQL, sharing only the database and AUTH_SECRET, started at the same moment.
 *
 * - A session made on A is a session on B (no sticky sessions); signing out, changing the
 *   password, or staff resetting a member's password on A ends those sessions on B at once.
 * - With a job worker in each instance, every reminder is sent exactly once, and a cron
 *   schedule fires once per minute slot although both instances keep checking it (proved from
 *   pg-boss's job table, with each instance's checks recorded).
 */

const NEW_PASSWORD = "Xiangjiang-River-2031";
const MEMBER_PHONE = "19900009001";

let database: Database;
let a: App;
let b: App;
let check: Db;
let boss: PgBoss;

beforeAll(async () => {
  database = await startDatabase(PORTS.pg);
  // Workers poll every 2 s and look at the schedules every second, so the jobs' part is quick.
  const env = { JOBS_MODE: "inline", JOBS_POLL_SECONDS: "2", JOBS_CRON_CHECK_SECONDS: "1" };
  // Started together: migrations, demo data and queue set-up must cope with a twin doing the same.
  const [startedA, startedB] = await Promise.allSettled([startApp({ name: "instance-a", port: PORTS.appA, databaseUrl: database.url, env }), startApp({ name: "instance-b", port: PORTS.appB, databaseUrl: database.url, env })]);
  if (startedA.status === "fulfilled") a = startedA.value;
  if (startedB.status === "fulfilled") b = startedB.value;
  for (const started of [startedA, startedB]) if (started.status === "rejected") throw started.reason;
  check = createDb(database.url, { max: 2 });
  // The test's own pg-boss client: it only queues jobs and reads them (no worker, no schedules).
  boss = new PgBoss({ connectionString: database.url, supervise: false, schedule: false, migrate: false });
  boss.on("error", (e) => console.warn(`[test boss] ${e.message}`));
  await boss.start();
}, 240_000);

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await check?.$client.end({ timeout: 5 });
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.destroy();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function me(app: App, session: Session) {
  return session.query<{ username: string }>(app.base, "account.me");
}

describe("sessions across two instances", () => {
  it("honours on B a session made on A (same cookie, no sticky sessions)", async () => {
    const session = await Session.signIn(a.base, "hetang");
    const answer = await me(b, session);
    expect(answer.status).toBe(200);
    expect(answer.data?.username).toBe("hetang");
    const page = await session.get(b.base, "/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("荷塘区政协");
    // Without the cookie B knows nobody: the check above can fail.
    const stranger = new Session("nobody", "");
    expect((await me(b, stranger)).status).toBe(401);
    expect((await stranger.get(b.base, "/")).status).toBe(307);
  });

  it("ends on B a session signed out on A, and only that one", async () => {
    const other = await Session.signIn(b.base, "hetang");
    const session = await Session.signIn(a.base, "hetang");
    expect((await me(b, session)).status).toBe(200);
    await session.signOut(a.base);
    // The old cookie, replayed on the other instance, signs nobody in.
    const replay = await me(b, session);
    expect(replay.status).toBe(401);
    expect(replay.trpcError?.data.code).toBe("UNAUTHORIZED");
    expect((await session.get(b.base, "/")).status, "the page sends the browser to sign in").toBe(307);
    // The same account's session in another browser goes on.
    expect((await me(b, other)).status).toBe(200);
  });

  it("ends every session on B when the password is changed on A", async () => {
    const onA = await Session.signIn(a.base, "lusong");
    const onB = await Session.signIn(b.base, "lusong");
    const changed = await onA.mutate(a.base, "account.changePassword", { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(changed.status, changed.body).toBe(200);
    expect((await me(b, onB)).status).toBe(401);
    expect((await me(b, onA)).status).toBe(401);
    const again = await Session.signIn(b.base, "lusong", NEW_PASSWORD);
    expect((await me(a, again)).data?.username).toBe("lusong");
  });

  it("ends a member's session on B when staff reset their password on A", async () => {
    const member = await Session.signIn(b.base, MEMBER_PHONE);
    expect((await me(b, member)).status).toBe(200);
    const staff = await Session.signIn(a.base, "liling");
    const found = await staff.query<{ items: { id: number; phone: string }[] }>(a.base, "member.list", { search: MEMBER_PHONE });
    const id = found.data!.items.find((m) => m.phone === MEMBER_PHONE)!.id;
    const reset = await staff.mutate<{ password: string | null }>(a.base, "member.resetPassword", { id });
    expect(reset.status, reset.body).toBe(200);
    expect((await me(b, member)).status).toBe(401);
    expect((await me(a, member)).status).toBe(401);
    const again = await Session.signIn(b.base, MEMBER_PHONE, reset.data!.password!);
    expect((await me(b, again)).status).toBe(200);
  });
});

describe("background jobs with a worker in each instance", () => {
  it("runs in both instances", () => {
    for (const app of [a, b]) expect(app.output()).toContain("background jobs running (JOBS_MODE=inline)");
  });

  it("sends each reminder exactly once when every job is queued three times at once", async () => {
    const count = async () => {
      const [row] = await check.execute<{ reminders: number; notifications: number }>(sql`
        select (select count(*)::int from reminders) as reminders,
               (select count(*)::int from notifications where kind in (select distinct kind from reminders)) as notifications`);
      return row!;
    };
    const ids: { name: string; id: string }[] = [];
    for (let round = 0; round < 3; round++) {
      for (const name of JOB_NAMES) ids.push({ name, id: (await boss.send(name, {}))! });
    }
    const deadline = Date.now() + 60_000;
    const states = new Map<string, string>();
    while (Date.now() < deadline && [...states.values()].filter((s) => s === "completed" || s === "failed").length < ids.length) {
      for (const job of ids) {
        if (states.get(job.id) === "completed" || states.get(job.id) === "failed") continue;
        const found = await boss.getJobById(job.name, job.id, { includeArchive: true });
        if (found) states.set(job.id, found.state);
      }
      await sleep(500);
    }
    expect(ids.map((j) => `${j.name}: ${states.get(j.id)}`).filter((s) => !s.endsWith("completed"))).toEqual([]);

    const after = await count();
    expect(after.reminders, "reminders due on the demo data").toBeGreaterThan(0);
    // One notification per claimed reminder, and no reminder twice.
    expect(after.notifications).toBe(after.reminders);
    const twice = await check.execute<{ user_id: number; kind: string; link: string; n: number }>(sql`
      select user_id, kind, link, count(*)::int as n from notifications
      where kind in (select distinct kind from reminders)
      group by user_id, kind, title, link having count(*) > 1`);
    expect(twice).toEqual([]);
    console.info(`[two instances] 15 reminder jobs (5 jobs × 3) on two workers: ${after.reminders} reminders, each sent once`);
  });

  it("fires a cron schedule once per minute slot, though both instances keep checking it", async () => {
    // pg-boss lets one instance evaluate the schedules per check interval: the one that moves
    // version.cron_on on. A trigger records each such evaluation with the instance that made it
    // and clears the mark again, so every check of both instances evaluates the schedules, as when
    // two race: only the per-slot singleton then stands between them and a double run.
    await check.execute(sql`create table test_cron_checks (at timestamptz not null default clock_timestamp(), instance text not null)`);
    await check.execute(sql.raw(`
      create function test_record_cron_check() returns trigger language plpgsql as $$
        begin
          if new.cron_on is not null and new.cron_on is distinct from old.cron_on then
            insert into test_cron_checks (instance) values (current_setting('application_name'));
            new.cron_on := null;
          end if;
          return new;
        end $$`));
    await check.execute(sql`create trigger test_record_cron_check before update on pgboss.version for each row execute function test_record_cron_check()`);
    // Every minute, in place of the hourly schedule, for 12 s (each instance checks every second).
    await boss.schedule("mid-month-warnings", "* * * * *", {}, { tz: "Asia/Shanghai" });
    const windowStart = (await check.execute<{ now: string }>(sql`select now()::text as now`))[0]!.now;
    await sleep(12_000);
    // Back to the hourly schedule and pg-boss's own turn-taking: no new slot opens while the jobs table is read.
    await boss.schedule("mid-month-warnings", JOBS["mid-month-warnings"].cron, {}, { tz: "Asia/Shanghai" });
    await check.execute(sql`drop trigger test_record_cron_check on pgboss.version`);

    // Minute slots as pg-boss counts them: whole minutes since the epoch, of the database's clock.
    const checks = await check.execute<{ instance: string; slot: number; n: number }>(sql`
      select instance, floor(extract(epoch from at) / 60)::int as slot, count(*)::int as n from test_cron_checks
      where at >= ${windowStart}::timestamptz group by instance, slot order by slot, instance`);
    const instances = [...new Set(checks.map((c) => c.instance))];
    expect(instances.filter((i) => i.startsWith("dm-jobs/")), "both instances checked the schedules").toHaveLength(2);
    for (const instance of instances) {
      const evaluations = checks.filter((c) => c.instance === instance).reduce((n, c) => n + c.n, 0);
      expect(evaluations, `evaluations by ${instance}`).toBeGreaterThanOrEqual(5);
    }
    const slotsCheckedByBoth = [...new Set(checks.map((c) => c.slot))].filter((slot) => checks.filter((c) => c.slot === slot).length === 2);
    expect(slotsCheckedByBoth.length, "a minute in which both instances evaluated the schedule").toBeGreaterThan(0);
    for (const c of checks) console.info(`[two instances] minute ${c.slot}: ${c.instance} evaluated the schedules ${c.n}×`);

    const jobs = (name: string) => sql`
      select floor(extract(epoch from singleton_on) / 60)::int as slot, state::text as state, data from pgboss.job where name = ${name} and created_on >= ${windowStart}::timestamptz
      union all
      select floor(extract(epoch from singleton_on) / 60)::int, state::text, data from pgboss.archive where name = ${name} and created_on >= ${windowStart}::timestamptz`;
    const slotJobs = async () => (await check.execute<{ slot: number; state: string; data: { name: string } }>(jobs("__pgboss__send-it"))).filter((j) => j.data.name === "mid-month-warnings");
    // pg-boss turns a slot's job into a queued run of the job within seconds (its worker polls every 5 s).
    let handovers = await slotJobs();
    for (const until = Date.now() + 20_000; Date.now() < until && handovers.some((h) => h.state !== "completed"); handovers = await slotJobs()) await sleep(500);
    const fired = await check.execute<{ state: string }>(jobs("mid-month-warnings"));
    const slots = handovers.map((h) => h.slot);
    console.info(`[two instances] cron "* * * * *" for 12 s: ${checks.reduce((n, c) => n + c.n, 0)} evaluations, ${handovers.length} slot job(s) (minutes ${slots.join(", ")}), ${fired.length} run(s) of mid-month-warnings`);
    // Never two for one minute, although both instances evaluated the schedule in the same minute …
    expect(new Set(slots).size, `slot jobs per minute: ${slots.join(", ")}`).toBe(slots.length);
    // … every minute both evaluated in got its one …
    for (const slot of slotsCheckedByBoth) expect(slots).toContain(slot);
    // … and each became exactly one run of the job.
    expect(fired.length).toBe(handovers.length);
  });
});
