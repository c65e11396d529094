/**
 * The generated data set (the one-tenth set the query-plan test loads) keeps the app's rules,
 * so the real pages and procedures work on it unchanged: every timeline replays to its row by
 * the state machines of the domain, sign-ups respect audience, capacity and queue order, the
 * write pools are what the manifest promises, and the main pages answer as each role. The
 * query-plan test runs in the same database and calls each write once, so the checks accept
 * what the app itself writes (after generation).
 */
import { ASSIGNMENT_RULES, type AssignmentAction } from "@dm/api/domain/assignment";
import { PROBLEM_RULES } from "@dm/api/domain/problem";
import { CHECK_IN_OPENS_BEFORE_MS } from "@dm/api/domain/activity";
import { PARTICIPATION_FROM_REGISTRATIONS } from "@dm/db";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { captureProcedure } from "../capture";
import { databaseUrl } from "./generate";

const manifest = inject("benchManifest");
const url = databaseUrl(inject("benchAdminUrl"), manifest.database);
const sql = postgres(url, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

/** Runs a statement that lists rule breakers; none may come back. */
async function none(query: string) {
  const rows = await sql.unsafe(query);
  expect(rows.slice(0, 5), query).toEqual([]);
}

const call = async <T>(username: string, path: string, input?: unknown) => (await captureProcedure(url, username, path, input)).result as T;

describe("assignments", () => {
  it("replay their timelines: status, percent, version and approval follow from the events", async () => {
    await none(`
      select a.id from assignments a cross join lateral (
        select count(*) as n, (array_agg(e.to_status order by e.id desc))[1] as last,
          (array_agg(e.percent order by e.id desc) filter (where e.percent is not null))[1] as percent,
          (array_agg(e.type order by e.id))[1] as first, max(e.at) as latest, min(e.at) as earliest
        from assignment_events e where e.assignment_id = a.id) t
      where t.n <> a.version or t.last <> a.status or coalesce(t.percent, 0) <> a.percent or t.first <> 'sent'
        or (a.status = 'approved') <> (a.approved_at is not null) or t.latest > now() or t.earliest <> a.sent_at`);
    await none(`
      select e.id from assignment_events e
      where e.from_status is distinct from (select p.to_status from assignment_events p where p.assignment_id = e.assignment_id and p.id < e.id order by p.id desc limit 1)`);
  });

  it("move only by the legal transitions of domain/assignment.ts", async () => {
    const action: Record<string, AssignmentAction> = { accepted: "accept", progress: "progress", reported: "report", approved: "approve", returned: "return", passed_down: "passDown" };
    const steps = await sql<{ type: string; from: string | null; to: string }[]>`select distinct type::text as type, from_status::text as from, to_status::text as to from assignment_events`;
    for (const s of steps) {
      if (s.type === "sent") expect([s.from, s.to]).toEqual([null, "sent"]);
      else {
        const rule = ASSIGNMENT_RULES[action[s.type]!];
        expect(rule.from, `${s.type} from ${s.from}`).toContain(s.from);
        expect(s.to, `${s.type} from ${s.from}`).toBe(rule.to ?? s.from);
      }
    }
  });

  it("go from the city to its counties and from a county to its own townships", async () => {
    await none(`
      select a.id from assignments a join committees c on c.id = a.committee_id join tasks t on t.id = a.task_id left join assignments p on p.id = a.parent_id
      where (a.parent_id is null and (c.level <> 'county' or c.parent_id <> t.committee_id or a.issuer_committee_id <> t.committee_id))
         or (a.parent_id is not null and (c.level <> 'township' or c.parent_id <> p.committee_id or a.issuer_committee_id <> p.committee_id or p.task_id <> a.task_id))`);
    await none(`
      select t.id from tasks t join campaigns c on c.id = t.campaign_id
      where t.committee_id <> c.committee_id or t.deadline < c.start_date or t.deadline > c.end_date`);
  });
});

describe("problems", () => {
  it("replay their timelines by the rules of domain/problem.ts", async () => {
    await none(`
      select p.id from problems p cross join lateral (
        select count(*) as n, (array_agg(e.to_status order by e.id desc))[1] as last, (array_agg(e.type order by e.id))[1] as first, max(e.at) as latest
        from problem_events e where e.problem_id = p.id) t
      where t.n <> p.version or t.last <> p.status or t.first <> 'created' or t.latest > now()
        or (p.status = 'closed') <> (p.closed_at is not null) or (p.lookback_on is not null and p.status <> 'closed')
        or (p.status <> 'pending' and (p.department_id is null or p.deadline is null or p.plan = ''))`);
    const steps = await sql<{ type: string; from: string | null; to: string }[]>`select distinct type::text as type, from_status::text as from, to_status::text as to from problem_events`;
    const rules = Object.values(PROBLEM_RULES);
    for (const s of steps) {
      if (s.type === "created") expect([s.from, s.to]).toEqual([null, "pending"]);
      else expect(rules.some((r) => r.event === s.type && r.from === s.from && r.to === s.to), `${s.type}: ${s.from} → ${s.to}`).toBe(true);
    }
  });

  it("lie in the raiser's subtree, answered by a department on a register above them, from sources that exist", async () => {
    await none(`
      select p.id from problems p join committees area on area.id = p.committee_id join committees raiser on raiser.id = p.raising_committee_id
        left join departments d on d.id = p.department_id left join committees owner on owner.id = d.committee_id
      where area.path not like raiser.path || '%' or (d.id is not null and area.path not like owner.path || '%')
        or (p.source = 'activity' and not exists (select 1 from activities a where a.id = p.source_id and a.status = 'held'))
        or (p.source = 'assignment' and not exists (select 1 from assignments a where a.id = p.source_id))
        or (p.source = 'tip' and not exists (select 1 from tips t where t.id = p.source_id and t.problem_id = p.id and t.status = 'converted'))
        or (p.source = 'direct' and p.source_id is not null)`);
  });
});

describe("activities and sign-ups", () => {
  it("sign up only members the audience lets in, invitees from the organiser's subtree", async () => {
    await none(`
      select r.id from registrations r join activities a on a.id = r.activity_id join committees ac on ac.id = a.committee_id
        join members m on m.id = r.member_id join committees mc on mc.id = m.committee_id
      where not ((a.audience = 'committee' and m.committee_id = a.committee_id)
        or (a.audience = 'subtree' and mc.path like ac.path || '%')
        or (a.audience = 'invited' and exists (select 1 from activity_invitees i where i.activity_id = a.id and i.member_id = r.member_id)))`);
    await none(`
      select i.activity_id from activity_invitees i join activities a on a.id = i.activity_id join committees ac on ac.id = a.committee_id
        join members m on m.id = i.member_id join committees mc on mc.id = m.committee_id
      where a.audience <> 'invited' or mc.path not like ac.path || '%'`);
  });

  it("fill places up to the capacity in queue order, with signup_seq the last queue position", async () => {
    await none(`
      select a.id from activities a left join lateral (
        select count(*) filter (where status = 'registered') as registered, count(*) filter (where status = 'waiting') as waiting,
          max(queue_position) as last, count(*) as n, count(distinct queue_position) as positions
        from registrations where activity_id = a.id) x on true
      where (a.capacity is not null and x.registered > a.capacity) or (x.waiting > 0 and (a.capacity is null or x.registered < a.capacity))
        or coalesce(x.last, 0) <> a.signup_seq or x.positions <> x.n
        or a.ends_at <= a.starts_at or a.signup_deadline > a.ends_at or a.created_at > now()
        or (a.status = 'held') <> (a.held_at is not null) or (a.status = 'held' and a.held_at < a.starts_at)`);
  });

  it("record attendance for places kept, never at a cancelled activity, each arrival with its check-in", async () => {
    await none(`
      select r.id from registrations r join activities a on a.id = r.activity_id
      where (r.attendance is not null and (a.status = 'cancelled' or r.status <> 'registered'))
        or (r.attendance in ('present', 'late')) <> (r.checked_in_at is not null)
        or (r.checked_in_at is not null) <> (r.check_in_method is not null)
        or (r.attendance = 'excused' and r.attendance_note = '')
        or (r.status = 'cancelled') <> (r.cancelled_at is not null)
        or r.registered_at > now()`);
  });

  it("sum participation_months from the attendance", async () => {
    const sums = PARTICIPATION_FROM_REGISTRATIONS.slice(PARTICIPATION_FROM_REGISTRATIONS.indexOf("select"));
    await none(`(select member_id, campaign_id, month, attended from participation_months except ${sums}) union all (${sums} except select member_id, campaign_id, month, attended from participation_months)`);
  });
});

describe("accounts and reports", () => {
  it("give member accounts their member's committee and every committee a record keeper", async () => {
    await none(`select u.id from users u join members m on m.id = u.member_id where u.role <> 'member' or u.committee_id <> m.committee_id or u.phone <> m.phone`);
    await none(`select u.id from users u where u.role = 'member' and u.member_id is null`);
    await none(`
      select c.id from committees c where not exists (
        select 1 from users u where u.committee_id = c.id and u.role = case c.level when 'city' then 'city_staff'::role when 'county' then 'county_staff'::role else 'township_liaison'::role end)`);
  });

  it("keep monthly reports to counties and townships, for their own city's campaign", async () => {
    await none(`
      select r.id from monthly_reports r join committees c on c.id = r.committee_id join campaigns k on k.id = r.campaign_id
      where c.level = 'city' or c.path not like '/' || k.committee_id || '/%' or extract(day from r.month) <> 1
        or (r.status = 'submitted') <> (r.submitted_at is not null and r.submitted_by is not null)`);
  });
});

describe("the write pools", () => {
  it("progress: the county staff's own assignments, accepted or under way", async () => {
    const rows = await sql<{ n: number }[]>`
      select count(*)::int as n from assignments a join users u on u.committee_id = a.committee_id and u.username = ${manifest.progress.countyStaff}
      where a.id = any(${manifest.progress.assignmentIds}) and a.status in ('accepted', 'in_progress')`;
    expect(manifest.progress.assignmentIds.length).toBeGreaterThanOrEqual(2000);
    expect(rows[0]!.n).toBe(manifest.progress.assignmentIds.length);
  });

  it("sign-up: upcoming activities open to every pool member, with room, nobody signed up when generated", async () => {
    expect(manifest.signUp.members.length).toBeGreaterThanOrEqual(64);
    expect(manifest.signUp.activityIds.length).toBeGreaterThanOrEqual(1000);
    const [row] = await sql<{ open: number; invited: number; registered: number }[]>`
      select count(distinct a.id) filter (where a.status = 'planned' and a.signup_deadline > now() + interval '1 day' and a.capacity >= ${manifest.signUp.members.length})::int as open,
        (select count(*)::int from activity_invitees i join users u on u.member_id = i.member_id where i.activity_id = any(${manifest.signUp.activityIds}) and u.username = any(${manifest.signUp.members})) as invited,
        (select count(*)::int from registrations r where r.activity_id = any(${manifest.signUp.activityIds}) and r.registered_at <= ${manifest.generatedAt}) as registered
      from activities a where a.id = any(${manifest.signUp.activityIds})`;
    expect(row).toEqual({ open: manifest.signUp.activityIds.length, invited: manifest.signUp.activityIds.length * manifest.signUp.members.length, registered: 0 });
  });

  it("check-in: every pool member registered, the window open from generation for at least 24 hours", async () => {
    const generated = new Date(manifest.generatedAt).getTime();
    const [row] = await sql<{ opens: Date; closes: Date; registered: number; activities: number }[]>`
      select max(a.starts_at) as opens, min(a.ends_at) as closes, count(distinct a.id)::int as activities,
        (select count(*)::int from registrations r join users u on u.member_id = r.member_id
          where r.activity_id = any(${manifest.checkIn.activityIds}) and u.username = any(${manifest.checkIn.members}) and r.status = 'registered'
            and (r.checked_in_at is null or r.checked_in_at > ${manifest.generatedAt})) as registered
      from activities a where a.id = any(${manifest.checkIn.activityIds}) and a.status = 'planned'`;
    expect(row!.activities).toBe(manifest.checkIn.activityIds.length);
    expect(row!.registered).toBe(manifest.checkIn.activityIds.length * manifest.checkIn.members.length);
    expect(row!.opens.getTime() - CHECK_IN_OPENS_BEFORE_MS).toBeLessThanOrEqual(generated);
    expect(row!.closes.getTime() - generated).toBeGreaterThanOrEqual(24 * 3_600_000);
  });
});

describe("the app's pages on it", () => {
  const { cityLeader, cityStaff, countyStaff, member } = manifest.actors;

  it("show a task, an assignment with its whole timeline, and a problem", async () => {
    const tasks = await call<{ items: { id: number }[]; total: number }>(cityStaff, "task.list", { campaignId: manifest.campaignId, page: 1 });
    expect(tasks.total).toBeGreaterThan(100);
    const task = await call<{ assignments: { events: unknown[] }[] }>(cityStaff, "task.byId", { id: tasks.items[0]!.id });
    expect(task.assignments.length).toBeGreaterThan(0);
    const inbox = await call<{ items: { id: number; version: number }[] }>(countyStaff, "assignment.inbox", { page: 1 });
    const assignment = await call<{ version: number; events: unknown[] }>(countyStaff, "assignment.byId", { id: inbox.items.at(-1)!.id });
    expect(assignment.events).toHaveLength(assignment.version);
    const ledger = await call<{ items: { id: number }[] }>(cityStaff, "problem.list", { page: 1 });
    expect(ledger.items).toHaveLength(20);
    expect((await call<{ total: number }>(cityStaff, "problem.counts", {})).total).toBeGreaterThan(1000);
    const problem = await call<{ version: number; events: unknown[] }>(cityStaff, "problem.byId", { id: ledger.items[0]!.id });
    expect(problem.events).toHaveLength(problem.version);
  });

  it("show a member their open and own activities, one of them, and their year", async () => {
    const open = await call<{ items: { id: number }[]; total: number }>(member, "activity.forMember", { view: "open", page: 1 });
    expect(open.total).toBeGreaterThan(0);
    await call(member, "activity.view", { id: open.items[0]!.id });
    const mine = await call<{ total: number }>(member, "activity.forMember", { view: "mine", page: 1 });
    expect(mine.total).toBeGreaterThan(0);
    await call(member, "participation.mine", { year: manifest.year });
  });

  it("show the dashboard, a briefing, the coverage matrix and a cell, and the reports' status", async () => {
    const overview = await call<{ rows: { committeeId: number; counts: { activities: number; members: number; participants: number } }[] }>(cityLeader, "dashboard.overview", {
      campaignId: manifest.campaignId,
      month: manifest.month,
    });
    const county = overview.rows[1]!;
    expect(county.counts.activities).toBeGreaterThan(0);
    expect(county.counts.participants).toBeGreaterThan(0);
    expect(county.counts.participants).toBeLessThanOrEqual(county.counts.members);
    const last = `${manifest.year}-${String(Number(manifest.month.slice(5)) - 1).padStart(2, "0")}`;
    if (manifest.month.slice(5) !== "01") {
      await call(cityLeader, "dashboard.briefing", { campaignId: manifest.campaignId, committeeId: county.committeeId, month: last });
      await call(cityStaff, "monthlyReport.status", { campaignId: manifest.campaignId, month: last });
    }
    await call(cityStaff, "coverage.matrix", { year: manifest.year });
    await call(cityStaff, "coverage.cell", { year: manifest.year, committeeId: county.committeeId, month: manifest.month, subtree: true });
    await call(cityStaff, "participation.ranking", { year: manifest.year, page: 1 });
  });
});
