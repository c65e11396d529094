import { and, asc, count, eq, gte, inArray, lt } from "drizzle-orm";
import type { Campaign } from "@dm/db/schema";
import type { Db, Executor } from "@dm/db";
import { activities, campaigns, committees, monthlyReports, users } from "@dm/db/schema";
import { recordAudit } from "../audit";
import type { Viewer } from "../context";
import { addMonths, type Month, monthDate, monthPhase, monthStart, monthsBetween } from "../domain/coverage";
import { sortTree } from "../domain/committee";
import { activitySummaryOf, countStates, dueDate, reportMonthProblem, reportState } from "../domain/monthly-report";
import { withinScope } from "../domain/scope";
import {
  monthlyReportByIdInput,
  monthlyReportCampaignInput,
  monthlyReportDraftInput,
  monthlyReportPeriodInput,
  monthlyReportSubmitInput,
} from "../schemas/monthly-report";
import { capabilityProcedure, createTRPCRouter, fail } from "../trpc";
import { loadCampaign } from "./campaign";
import { shanghaiMonthKey, shanghaiMonthOf } from "./coverage";
import type { z } from "zod";
import { chinaDateTime } from "../domain/china-time";

/** Counties and townships write their own committee's reports; staff in scope read them. */
const writer = capabilityProcedure("monthlyReport.write");
const reader = capabilityProcedure("coverage.read");

const campaignMonths = (c: Pick<Campaign, "startDate" | "endDate">) => monthsBetween(c.startDate, c.endDate);

function ownCommittee(viewer: Viewer): number {
  // The role gate admits county staff and liaisons; their committee is never the city, but an
  // account moved to the city keeps its role until changed.
  if (viewer.scope.level === "city") fail("FORBIDDEN", "monthlyReport.onlyCountyOrTownship");
  return viewer.scope.committeeId;
}

function checkMonth(campaign: Campaign, month: Month, now: Date) {
  const problem = reportMonthProblem(month, campaignMonths(campaign), now);
  if (problem) fail("BAD_REQUEST", `monthlyReport.${problem}`, { month });
}

/** A committee's own held activities of the campaign in one Shanghai month: what a report is pre-filled from. */
function ownActivities(db: Executor, committeeId: number, campaignId: number, month: Month) {
  return db
    .select({ id: activities.id, title: activities.title, type: activities.type, startsAt: activities.startsAt, place: activities.place })
    .from(activities)
    .where(
      and(
        eq(activities.committeeId, committeeId),
        eq(activities.campaignId, campaignId),
        eq(activities.status, "held"),
        gte(activities.startsAt, monthStart(month)),
        lt(activities.startsAt, monthStart(addMonths(month, 1))),
      ),
    )
    .orderBy(asc(activities.startsAt), asc(activities.id));
}

const campaignInfo = (c: Campaign) => ({ id: c.id, title: c.title, reportDueDay: c.reportDueDay });

/**
 * Saves the caller's report for a campaign month, as a draft or submitted. The row is locked at
 * the version the form read; a stale version gets CONFLICT with the current state, and a
 * submitted report is read-only (BAD_REQUEST naming when it was submitted).
 */
async function write(ctx: { db: Db; requestId: string; viewer: Viewer }, input: z.output<typeof monthlyReportDraftInput>, submit: boolean) {
  const committeeId = ownCommittee(ctx.viewer);
  return ctx.db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, ctx.viewer, input.campaignId);
    const now = new Date();
    checkMonth(campaign, input.month, now);
    const key = and(eq(monthlyReports.campaignId, campaign.id), eq(monthlyReports.committeeId, committeeId), eq(monthlyReports.month, monthDate(input.month)));
    const [existing] = await tx.select().from(monthlyReports).where(key).for("update");
    const conflict = (row: { status: string; version: number }) =>
      fail("CONFLICT", "monthlyReport.conflict", { status: `@monthlyReport.status.${row.status}`, current: { status: row.status, version: row.version } });

    const fields = { summary: input.summary, activitiesHeld: input.activitiesHeld, activitySummary: input.activitySummary, problems: input.problems, nextPlan: input.nextPlan };
    const submission = submit ? { status: "submitted" as const, submittedAt: now, submittedBy: ctx.viewer.userId } : {};
    let saved: typeof monthlyReports.$inferSelect | undefined;
    if (!existing) {
      if (input.version !== null) fail("CONFLICT", "error.CONFLICT");
      // Two first saves at once: the unique index lets one in; the other finds the row and gets CONFLICT.
      [saved] = await tx
        .insert(monthlyReports)
        .values({ campaignId: campaign.id, committeeId, month: monthDate(input.month), ...fields, ...submission, createdBy: ctx.viewer.userId, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      if (!saved) {
        const [fresh] = await tx.select().from(monthlyReports).where(key);
        conflict(fresh!);
      }
    } else {
      if (existing.version !== input.version) conflict(existing);
      if (existing.status === "submitted") fail("BAD_REQUEST", "monthlyReport.alreadySubmitted", { submittedAt: chinaDateTime(existing.submittedAt!) });
      [saved] = await tx
        .update(monthlyReports)
        .set({ ...fields, ...submission, version: existing.version + 1, updatedAt: now })
        .where(eq(monthlyReports.id, existing.id))
        .returning();
    }
    const row = saved!;
    await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, {
      action: submit ? "monthlyReport.submit" : "monthlyReport.saveDraft",
      entityType: "monthlyReport",
      entityId: row.id,
      before: existing ?? null,
      after: row,
    });
    return {
      id: row.id,
      status: row.status,
      version: row.version,
      submittedAt: row.submittedAt,
      state: reportState({ month: input.month, dueDay: campaign.reportDueDay, submittedAt: row.submittedAt, now }),
    };
  });
}

export const monthlyReportRouter = createTRPCRouter({
  /** The caller's committee's months of a campaign (begun ones, newest first) with their report state. */
  ownList: writer.input(monthlyReportCampaignInput).query(async ({ ctx, input }) => {
    const committeeId = ownCommittee(ctx.viewer);
    const campaign = await loadCampaign(ctx.db, ctx.viewer, input.campaignId);
    const now = new Date();
    const months = campaignMonths(campaign).filter((m) => monthPhase(m, now) !== "future");
    const [reports, held] = await Promise.all([
      ctx.db
        .select({ id: monthlyReports.id, month: monthlyReports.month, status: monthlyReports.status, submittedAt: monthlyReports.submittedAt, updatedAt: monthlyReports.updatedAt })
        .from(monthlyReports)
        .where(and(eq(monthlyReports.campaignId, campaign.id), eq(monthlyReports.committeeId, committeeId))),
      ctx.db
        .select({ month: shanghaiMonthOf(activities.startsAt), n: count() })
        .from(activities)
        .where(and(eq(activities.committeeId, committeeId), eq(activities.campaignId, campaign.id), eq(activities.status, "held")))
        .groupBy(shanghaiMonthKey(activities.startsAt)),
    ]);
    const byMonth = new Map(reports.map((r) => [r.month.slice(0, 7), r]));
    const heldByMonth = new Map(held.map((h) => [h.month, h.n]));
    return {
      campaign: campaignInfo(campaign),
      months: months.reverse().map((month) => {
        const r = byMonth.get(month);
        return {
          month,
          dueDate: dueDate(month, campaign.reportDueDay),
          state: reportState({ month, dueDay: campaign.reportDueDay, submittedAt: r?.submittedAt ?? null, now }),
          reportStatus: r?.status ?? null,
          updatedAt: r?.updatedAt ?? null,
          activitiesHeld: heldByMonth.get(month) ?? 0,
        };
      }),
    };
  }),

  /**
   * The caller's report for one month, or none yet, with the pre-fill from the activity records
   * (the count and a line per activity) and the records themselves.
   */
  own: writer.input(monthlyReportPeriodInput).query(async ({ ctx, input }) => {
    const committeeId = ownCommittee(ctx.viewer);
    const campaign = await loadCampaign(ctx.db, ctx.viewer, input.campaignId);
    const now = new Date();
    checkMonth(campaign, input.month, now);
    const [[report], held, [committee]] = await Promise.all([
      ctx.db
        .select()
        .from(monthlyReports)
        .where(and(eq(monthlyReports.campaignId, campaign.id), eq(monthlyReports.committeeId, committeeId), eq(monthlyReports.month, monthDate(input.month)))),
      ownActivities(ctx.db, committeeId, campaign.id, input.month),
      ctx.db.select({ name: committees.name }).from(committees).where(eq(committees.id, committeeId)),
    ]);
    return {
      campaign: campaignInfo(campaign),
      committeeName: committee!.name,
      month: input.month,
      dueDate: dueDate(input.month, campaign.reportDueDay),
      state: reportState({ month: input.month, dueDay: campaign.reportDueDay, submittedAt: report?.submittedAt ?? null, now }),
      report: report ?? null,
      prefill: { activitiesHeld: held.length, activitySummary: activitySummaryOf(held) },
      activities: held,
    };
  }),

  saveDraft: writer.input(monthlyReportDraftInput).mutation(({ ctx, input }) => write(ctx, input, false)),
  submit: writer.input(monthlyReportSubmitInput).mutation(({ ctx, input }) => write(ctx, input, true)),

  /**
   * 月报情况 for a campaign month: every county and township in scope with submitted / late /
   * missing / pending, and the counts. One query; drafts count as not submitted.
   */
  status: reader.input(monthlyReportPeriodInput).query(async ({ ctx, input }) => {
    const campaign = await loadCampaign(ctx.db, ctx.viewer, input.campaignId);
    if (!campaignMonths(campaign).includes(input.month)) fail("BAD_REQUEST", "monthlyReport.outsideCampaign", { month: input.month });
    const rows = await ctx.db
      .select({
        id: committees.id,
        name: committees.name,
        level: committees.level,
        parentId: committees.parentId,
        sortOrder: committees.sortOrder,
        reportId: monthlyReports.id,
        reportStatus: monthlyReports.status,
        submittedAt: monthlyReports.submittedAt,
        activitiesHeld: monthlyReports.activitiesHeld,
      })
      .from(committees)
      .leftJoin(
        monthlyReports,
        and(eq(monthlyReports.committeeId, committees.id), eq(monthlyReports.campaignId, campaign.id), eq(monthlyReports.month, monthDate(input.month))),
      )
      .where(and(withinScope(ctx.viewer.scope, committees.path), inArray(committees.level, ["county", "township"])));
    const now = new Date();
    const items = sortTree(rows).map((r) => {
      const submitted = r.reportStatus === "submitted";
      return {
        committeeId: r.id,
        name: r.name,
        level: r.level,
        parentId: r.parentId,
        state: reportState({ month: input.month, dueDay: campaign.reportDueDay, submittedAt: submitted ? r.submittedAt : null, now }),
        hasDraft: r.reportStatus === "draft",
        submittedAt: submitted ? r.submittedAt : null,
        // Drafts stay with their writers: the others see a report once it is submitted.
        reportId: submitted ? r.reportId : null,
        activitiesHeld: submitted ? r.activitiesHeld : null,
      };
    });
    return {
      campaign: campaignInfo(campaign),
      month: input.month,
      phase: monthPhase(input.month, now),
      dueDate: dueDate(input.month, campaign.reportDueDay),
      items,
      counts: countStates(items.map((i) => i.state)),
    };
  }),

  /** A report in the caller's scope: submitted ones, or the caller's own draft; anything else is NOT_FOUND. */
  byId: reader.input(monthlyReportByIdInput).query(async ({ ctx, input }) => {
    const [row] = await ctx.db
      .select({
        report: monthlyReports,
        committeeName: committees.name,
        committeeLevel: committees.level,
        campaignTitle: campaigns.title,
        reportDueDay: campaigns.reportDueDay,
        submittedByName: users.displayName,
      })
      .from(monthlyReports)
      .innerJoin(committees, eq(committees.id, monthlyReports.committeeId))
      .innerJoin(campaigns, eq(campaigns.id, monthlyReports.campaignId))
      .leftJoin(users, eq(users.id, monthlyReports.submittedBy))
      .where(and(eq(monthlyReports.id, input.id), withinScope(ctx.viewer.scope, committees.path)));
    if (!row) fail("NOT_FOUND");
    const { report } = row;
    if (report.status !== "submitted" && report.committeeId !== ctx.viewer.scope.committeeId) fail("NOT_FOUND");
    const month = report.month.slice(0, 7);
    const held = await ownActivities(ctx.db, report.committeeId, report.campaignId, month);
    return {
      ...report,
      month,
      committeeName: row.committeeName,
      committeeLevel: row.committeeLevel,
      campaign: { id: report.campaignId, title: row.campaignTitle, reportDueDay: row.reportDueDay },
      submittedByName: row.submittedByName,
      dueDate: dueDate(month, row.reportDueDay),
      state: reportState({ month, dueDay: row.reportDueDay, submittedAt: report.status === "submitted" ? report.submittedAt : null, now: new Date() }),
      activities: held,
      mine: report.committeeId === ctx.viewer.scope.committeeId,
    };
  }),
});
