import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@dm/db";
import type { Campaign } from "@dm/db/schema";
import { activities, assignments, committees, members, monthlyReports, opinions, participationMonths, problems, registrations, supervisionGroups, tasks } from "@dm/db/schema";
import { ComputedCache, dashboardCacheSeconds, identityOf } from "../computed-cache";
import type { Viewer } from "../context";
import { chinaToday } from "../domain/china-time";
import { addMonths, type Month, monthDate, monthPhase, monthStart, monthsBetween } from "../domain/coverage";
import { buildBreakdown, buildTrend, dashboardMonth, type DashboardCommittee, type FigureKey, OwnCounts, periodEnd, tally } from "../domain/dashboard";
import { reportDeadline, reportState, type ReportState } from "../domain/monthly-report";
import { assignmentOverdue, problemOverdue } from "../domain/overdue-sql";
import { committeeIdWithinScope, withinScope } from "../domain/scope";
import { briefingInput, dashboardInput } from "../schemas/dashboard";
import { capabilityProcedure, createTRPCRouter, fail } from "../trpc";
import { loadCampaign } from "./campaign";
import { shanghaiMonthKey, shanghaiMonthOf } from "./coverage";

const reader = capabilityProcedure("dashboard.read");

/** The subtree a dashboard covers: the caller's committee, or (for a briefing) one inside it. */
type Root = DashboardCommittee;

interface Period {
  campaign: Campaign;
  months: Month[];
  month: Month;
  now: Date;
  today: string;
}

const rootScope = (root: Root) => ({ committeeId: root.id, path: root.path, level: root.level });
const inSubtree = (root: Root, column = committees.path): SQL => withinScope(rootScope(root), column);
/** The subtree on a table's own committee id: no join, and an index condition (domain/scope.ts). */
const idInSubtree = (root: Root, column: AnyPgColumn): SQL => committeeIdWithinScope(rootScope(root), column);
/** [from, to) of a month, or of the campaign's months, as instants. */
const between = (column: SQL | typeof activities.startsAt, from: Month, to: Month): SQL =>
  sql`(${column} >= ${monthStart(from).toISOString()}::timestamptz and ${column} < ${monthStart(to).toISOString()}::timestamptz)`;
const countInt = (filter?: SQL) => (filter ? sql<number>`count(*) filter (where ${filter})::int` : sql<number>`count(*)::int`);
const monthOfDate = (column: typeof opinions.raisedOn) => sql<string>`substr(${column}::text, 1, 7)`;

function period(campaign: Campaign, month: Month | undefined, now: Date): Period {
  const months = monthsBetween(campaign.startDate, campaign.endDate);
  const chosen = month ?? dashboardMonth(months, now);
  if (!months.includes(chosen)) fail("BAD_REQUEST", "monthlyReport.outsideCampaign", { month: chosen });
  return { campaign, months, month: chosen, now, today: chinaToday(now) };
}

const STATUS_KEY = { sent: "tasksSent", accepted: "tasksAccepted", in_progress: "tasksInProgress", reported: "tasksReported", approved: "tasksApproved" } as const satisfies Record<string, FigureKey>;
const REPORT_KEY = { submitted: "reportsSubmitted", late: "reportsLate", missing: "reportsMissing", pending: "reportsPending" } as const satisfies Record<ReportState, FigureKey>;
const ADOPTION_KEY = { adopted: "opinionsAdopted", partly_adopted: "opinionsPartlyAdopted", not_adopted: "opinionsNotAdopted" } as const satisfies Record<string, FigureKey>;

/**
 * Every figure of the subtree under `root`, per committee, with the month-by-month series. One
 * grouped query per figure family (committees, tasks, activities, participation, reports,
 * problems, opinions), each filtered to the subtree in SQL; nothing is queried per committee.
 */
async function collect(db: Executor, root: Root, p: Period) {
  const campaignId = p.campaign.id;
  const first = p.months[0]!;
  const end = periodEnd(p.months);
  // A member took part: at least one place kept (出席 or 迟到) at a held activity of the campaign
  // (in the month). Asked per member in scope of participation_months, which the writes keep
  // (participation-summary.ts): one index entry each, neither their sign-ups nor anyone else's.
  const participatedIn = (month?: Month) =>
    sql`exists (select 1 from ${participationMonths} pm where pm.member_id = ${members.id} and pm.campaign_id = ${campaignId}${month ? sql` and pm.month = ${monthDate(month)}::date` : sql``})`;
  const participated = participatedIn();
  const participatedInMonth = participatedIn(p.month);
  const closedMonthKey = sql`case when ${problems.status} = 'closed' then ${shanghaiMonthKey(sql`${problems.closedAt}`)} end`;
  const closedMonth = sql<string | null>`to_char(${closedMonthKey}, 'YYYY-MM')`;

  const [inScope, taskRows, activityRows, memberRows, reportRows, problemRows, opinionRows] = await Promise.all([
    db
      .select({ id: committees.id, name: committees.name, level: committees.level, parentId: committees.parentId, path: committees.path, sortOrder: committees.sortOrder })
      .from(committees)
      .where(inSubtree(root)),
    db
      .select({
        committeeId: assignments.committeeId,
        status: assignments.status,
        approvedMonth: shanghaiMonthOf(sql`${assignments.approvedAt}`),
        n: countInt(),
        overdue: countInt(assignmentOverdue(p.today)),
      })
      .from(assignments)
      .innerJoin(tasks, eq(tasks.id, assignments.taskId))
      .where(and(eq(tasks.campaignId, campaignId), idInSubtree(root, assignments.committeeId)))
      .groupBy(assignments.committeeId, assignments.status, shanghaiMonthKey(sql`${assignments.approvedAt}`)),
    db
      .select({ committeeId: activities.committeeId, month: shanghaiMonthOf(activities.startsAt), n: countInt() })
      .from(activities)
      .where(and(eq(activities.campaignId, campaignId), eq(activities.status, "held"), between(activities.startsAt, first, end), idInSubtree(root, activities.committeeId)))
      .groupBy(activities.committeeId, shanghaiMonthKey(activities.startsAt)),
    db
      .select({ committeeId: members.committeeId, n: countInt(), participants: countInt(participated), inMonth: countInt(participatedInMonth) })
      .from(members)
      .where(and(eq(members.active, true), idInSubtree(root, members.committeeId)))
      .groupBy(members.committeeId),
    db
      .select({ committeeId: monthlyReports.committeeId, month: monthlyReports.month, submittedAt: monthlyReports.submittedAt })
      .from(monthlyReports)
      // Drafts are not submitted: they count as missing (or pending) like no report at all.
      .where(and(eq(monthlyReports.campaignId, campaignId), eq(monthlyReports.status, "submitted"), idInSubtree(root, monthlyReports.committeeId))),
    db
      .select({ committeeId: problems.committeeId, month: shanghaiMonthOf(sql`${problems.createdAt}`), closedMonth, n: countInt(), overdue: countInt(problemOverdue(p.today)) })
      .from(problems)
      .where(and(between(sql`${problems.createdAt}`, first, end), idInSubtree(root, problems.committeeId)))
      .groupBy(problems.committeeId, shanghaiMonthKey(sql`${problems.createdAt}`), closedMonthKey),
    db
      .select({ committeeId: supervisionGroups.committeeId, month: monthOfDate(opinions.raisedOn), adoption: opinions.adoption, n: countInt() })
      .from(opinions)
      .innerJoin(supervisionGroups, eq(supervisionGroups.id, opinions.groupId))
      .where(and(gte(opinions.raisedOn, monthDate(first)), lt(opinions.raisedOn, monthDate(end)), idInSubtree(root, supervisionGroups.committeeId)))
      .groupBy(supervisionGroups.committeeId, monthOfDate(opinions.raisedOn), opinions.adoption),
  ]);

  const own = new OwnCounts();
  const series = { activities: new Map<Month, number>(), problemsFound: new Map<Month, number>(), problemsClosed: new Map<Month, number>(), tasksApproved: new Map<Month, number>(), opinions: new Map<Month, number>(), reportsMissing: new Map<Month, number>() };

  for (const r of taskRows) {
    own.add(r.committeeId, "tasks", r.n);
    own.add(r.committeeId, STATUS_KEY[r.status], r.n);
    own.add(r.committeeId, "tasksOverdue", r.overdue);
    if (r.status === "approved") {
      tally(series.tasksApproved, r.approvedMonth, r.n);
      if (r.approvedMonth === p.month) own.add(r.committeeId, "tasksApprovedInMonth", r.n);
    }
  }
  for (const r of activityRows) {
    own.add(r.committeeId, "activities", r.n);
    if (r.month === p.month) own.add(r.committeeId, "activitiesInMonth", r.n);
    tally(series.activities, r.month, r.n);
  }
  for (const r of memberRows) {
    own.add(r.committeeId, "members", r.n);
    own.add(r.committeeId, "participants", r.participants);
    own.add(r.committeeId, "participantsInMonth", r.inMonth);
  }
  for (const r of problemRows) {
    own.add(r.committeeId, "problems", r.n);
    own.add(r.committeeId, "problemsOverdue", r.overdue);
    if (r.closedMonth) own.add(r.committeeId, "problemsClosed", r.n);
    if (r.month === p.month) own.add(r.committeeId, "problemsInMonth", r.n);
    if (r.closedMonth === p.month) own.add(r.committeeId, "problemsClosedInMonth", r.n);
    tally(series.problemsFound, r.month, r.n);
    tally(series.problemsClosed, r.closedMonth, r.n);
  }
  for (const r of opinionRows) {
    own.add(r.committeeId, "opinions", r.n);
    if (r.adoption) own.add(r.committeeId, ADOPTION_KEY[r.adoption], r.n);
    if (r.month === p.month) own.add(r.committeeId, "opinionsInMonth", r.n);
    tally(series.opinions, r.month, r.n);
  }

  // Report states: every county and township of the subtree, for every month that has begun.
  const submitted = new Map(reportRows.map((r) => [`${r.committeeId}:${r.month.slice(0, 7)}`, r.submittedAt]));
  const reporters = inScope.filter((c) => c.level !== "city");
  const reportStates = new Map<number, ReportState>();
  for (const month of p.months) {
    if (monthPhase(month, p.now) === "future") continue;
    for (const c of reporters) {
      const state = reportState({ month, dueDay: p.campaign.reportDueDay, submittedAt: submitted.get(`${c.id}:${month}`) ?? null, now: p.now });
      if (state === "missing") tally(series.reportsMissing, month, 1);
      if (month === p.month) {
        own.add(c.id, REPORT_KEY[state], 1);
        reportStates.set(c.id, state);
      }
    }
  }
  const trend = buildTrend(p.months, p.now, series, (month) => p.now >= reportDeadline(month, p.campaign.reportDueDay));
  return { inScope, own, trend, reportStates };
}

type Figures = Awaited<ReturnType<typeof collect>> & { root: Root; breakdown: ReturnType<typeof buildBreakdown>; computedAt: Date };

/**
 * The dashboard's figures of a subtree for a campaign month, computed at most once per TTL and
 * per write of this process (computed-cache.ts): many leaders open it at once. The key holds
 * everything they depend on: the database, the subtree (the caller's own committee and its
 * path), the campaign's months and report due day, the month, and today (overdue and report
 * states turn at midnight); never the viewer, whose right to the campaign is checked before the
 * cache is asked (the subtree is their own).
 */
const figureCache = new ComputedCache<Figures>({ ttlSeconds: dashboardCacheSeconds, maxEntries: 256 });

function figures(db: Executor, viewer: Viewer, p: Period): Promise<Figures> {
  const c = p.campaign;
  const { committeeId, path } = viewer.scope;
  const key = [identityOf(db), committeeId, path, c.id, c.startDate, c.endDate, c.reportDueDay, p.month, p.today].join("|");
  return figureCache.get(key, async () => {
    const root = await loadRoot(db, viewer, committeeId);
    const collected = await collect(db, root, p);
    // Summed here, once: rolling every committee up into each row is most of a cached answer's cost.
    return { ...collected, root, breakdown: buildBreakdown(root, collected.inScope, collected.own), computedAt: p.now };
  });
}

const campaignInfo = (c: Campaign) => ({ id: c.id, title: c.title, year: c.year, startDate: c.startDate, endDate: c.endDate, reportDueDay: c.reportDueDay });

async function loadRoot(db: Executor, viewer: Viewer, committeeId: number): Promise<Root> {
  const [row] = await db
    .select({ id: committees.id, name: committees.name, level: committees.level, parentId: committees.parentId, path: committees.path, sortOrder: committees.sortOrder })
    .from(committees)
    .where(and(eq(committees.id, committeeId), withinScope(viewer.scope, committees.path)));
  if (!row) fail("NOT_FOUND");
  return row;
}

export const dashboardRouter = createTRPCRouter({
  /**
   * 数据看板 of the caller's committee for a campaign: the figures of the whole subtree, the
   * breakdown by child committee (the city: its counties; a county: its townships) and the trend
   * by month. Definitions in domain/dashboard.ts.
   */
  overview: reader.input(dashboardInput).query(async ({ ctx, input }) => {
    const campaign = await loadCampaign(ctx.db, ctx.viewer, input.campaignId);
    const p = period(campaign, input.month, new Date());
    // The caller's own committee: the root is read (and its place checked) only when computing.
    const { root, breakdown, trend, computedAt } = await figures(ctx.db, ctx.viewer, p);
    return {
      campaign: campaignInfo(campaign),
      months: p.months.map((month) => ({ month, phase: monthPhase(month, p.now) })),
      month: p.month,
      today: p.today,
      committee: { id: root.id, name: root.name, level: root.level },
      ...breakdown,
      trend,
      /** When the figures were computed: they may be up to DASHBOARD_CACHE_SECONDS old. */
      computedAt,
    };
  }),

  /**
   * 月度工作简报: one committee in the caller's scope (else NOT_FOUND) for one campaign month:
   * its figures, the activities held, the children's report states, the problems found and
   * closed, and the assignments approved in the month and overdue now.
   */
  briefing: reader.input(briefingInput).query(async ({ ctx, input }) => {
    const campaign = await loadCampaign(ctx.db, ctx.viewer, input.campaignId);
    const root = await loadRoot(ctx.db, ctx.viewer, input.committeeId);
    const p = period(campaign, input.month, new Date());
    if (monthPhase(p.month, p.now) === "future") fail("BAD_REQUEST", "monthlyReport.notBegun", { month: p.month });
    const monthEnd = addMonths(p.month, 1);
    const scoped = inSubtree(root);
    // Not from the cache: a briefing is one document, its figures and its lists read together.
    const [{ inScope, own, reportStates }, held, found, closed, approved, overdue] = await Promise.all([
      collect(ctx.db, root, p),
      ctx.db
        .select({
          id: activities.id,
          title: activities.title,
          type: activities.type,
          startsAt: activities.startsAt,
          place: activities.place,
          committeeName: committees.name,
          attendees: sql<number>`(select count(*)::int from ${registrations} r where r.activity_id = ${activities.id} and r.status <> 'cancelled' and r.attendance in ('present', 'late'))`,
        })
        .from(activities)
        .innerJoin(committees, eq(committees.id, activities.committeeId))
        .where(and(eq(activities.campaignId, campaign.id), eq(activities.status, "held"), between(activities.startsAt, p.month, monthEnd), scoped))
        .orderBy(asc(activities.startsAt), asc(activities.id)),
      ctx.db
        .select({ id: problems.id, title: problems.title, status: problems.status, category: problems.category, committeeName: committees.name, createdAt: problems.createdAt })
        .from(problems)
        .innerJoin(committees, eq(committees.id, problems.committeeId))
        .where(and(between(sql`${problems.createdAt}`, p.month, monthEnd), scoped))
        .orderBy(asc(problems.createdAt), asc(problems.id)),
      ctx.db
        .select({ id: problems.id, title: problems.title, committeeName: committees.name, closedAt: problems.closedAt })
        .from(problems)
        .innerJoin(committees, eq(committees.id, problems.committeeId))
        .where(and(eq(problems.status, "closed"), between(sql`${problems.closedAt}`, p.month, monthEnd), scoped))
        .orderBy(asc(problems.closedAt), asc(problems.id)),
      ctx.db
        .select({ id: assignments.id, title: tasks.title, committeeName: committees.name, approvedAt: assignments.approvedAt })
        .from(assignments)
        .innerJoin(tasks, eq(tasks.id, assignments.taskId))
        .innerJoin(committees, eq(committees.id, assignments.committeeId))
        .where(and(eq(tasks.campaignId, campaign.id), eq(assignments.status, "approved"), between(sql`${assignments.approvedAt}`, p.month, monthEnd), scoped))
        .orderBy(asc(assignments.approvedAt), asc(assignments.id)),
      ctx.db
        .select({ id: assignments.id, title: tasks.title, committeeName: committees.name, status: assignments.status, deadline: assignments.deadline })
        .from(assignments)
        .innerJoin(tasks, eq(tasks.id, assignments.taskId))
        .innerJoin(committees, eq(committees.id, assignments.committeeId))
        .where(and(eq(tasks.campaignId, campaign.id), assignmentOverdue(p.today), scoped))
        .orderBy(asc(assignments.deadline), desc(assignments.id)),
    ]);
    const breakdown = buildBreakdown(root, inScope, own);
    // The children's own reports (a county's townships; the city's counties), then the committee's own.
    const reporters = [...breakdown.rows.slice(1), breakdown.rows[0]!].filter((r) => reportStates.has(r.committeeId));
    return {
      campaign: campaignInfo(campaign),
      month: p.month,
      today: p.today,
      committee: { id: root.id, name: root.name, level: root.level },
      ...breakdown,
      reports: reporters.map((r) => ({ committeeId: r.committeeId, name: r.name, state: reportStates.get(r.committeeId)! })),
      activities: held,
      problemsFound: found,
      problemsClosed: closed,
      tasksApproved: approved,
      tasksOverdue: overdue,
    };
  }),
});
