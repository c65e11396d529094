import { and, eq, gte, inArray, isNull, lt, lte, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Role } from "@dm/db";
import { activities, assignments, campaigns, committees, monthlyReports, registrations, tasks, users } from "@dm/db/schema";
import { chinaToday } from "@dm/api/domain/china-time";
import { assignmentOverdue } from "@dm/api/domain/overdue-sql";
import { deliver, type ReminderDraft } from "./deliver";
import {
  activityReminderDay,
  dayRange,
  deadlineReminderKind,
  midMonthWarning,
  monthLabel,
  monthlyReportReminder,
  remindedDeadlines,
  reportedMonth,
  shanghaiTime,
} from "./rules";

/**
 * One handler per reminder job: one query finds who is due for what today (Asia/Shanghai), the
 * rules in ./rules decide the kind, and `deliver` sends each reminder once. Each returns how
 * many notifications it wrote.
 */

/** The accounts that do a committee's work: county staff, township liaisons. */
const COMMITTEE_STAFF: Role[] = ["county_staff", "township_liaison"];
const issuer = alias(committees, "issuer");
const unit = alias(committees, "unit");

/** Active staff accounts of the committee in `committeeId`. */
const staffOf = (committeeId: typeof assignments.committeeId | typeof unit.id) =>
  and(eq(users.committeeId, committeeId), inArray(users.role, COMMITTEE_STAFF), isNull(users.disabledAt));

/** 3 days and 1 day before the deadline of an assignment not yet approved: its committee's staff. */
export async function sendDeadlineReminders(db: Db, now: Date): Promise<number> {
  const today = chinaToday(now);
  const rows = await db
    .select({ id: assignments.id, deadline: assignments.deadline, title: tasks.title, userId: users.id })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .innerJoin(users, staffOf(assignments.committeeId))
    .where(and(ne(assignments.status, "approved"), inArray(assignments.deadline, remindedDeadlines(today))));
  return deliver(
    db,
    rows.flatMap((r): ReminderDraft[] => {
      const kind = deadlineReminderKind(r.deadline, today);
      return kind ? [{ kind, subjectId: r.id, recipientId: r.userId, dueDay: r.deadline, title: r.title, link: `/assignments/${r.id}` }] : [];
    }),
  );
}

/**
 * Past the deadline and not approved: once per assignment and deadline, to its committee's
 * staff and to the person who sent it (whose link is the task, or the county's own assignment
 * for a township's).
 */
export async function sendOverdueNotices(db: Db, now: Date): Promise<number> {
  const today = chinaToday(now);
  const rows = await db
    .select({
      id: assignments.id,
      taskId: assignments.taskId,
      parentId: assignments.parentId,
      committeeId: assignments.committeeId,
      deadline: assignments.deadline,
      sentBy: assignments.sentBy,
      title: tasks.title,
      committeeName: unit.name,
      issuerLevel: issuer.level,
      userId: users.id,
    })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .innerJoin(unit, eq(unit.id, assignments.committeeId))
    .innerJoin(issuer, eq(issuer.id, assignments.issuerCommitteeId))
    .innerJoin(users, and(isNull(users.disabledAt), or(staffOf(assignments.committeeId), eq(users.id, assignments.sentBy))))
    .where(assignmentOverdue(today));
  return deliver(
    db,
    rows.map((r): ReminderDraft => {
      const holder = r.userId !== r.sentBy;
      const link = holder ? `/assignments/${r.id}` : r.issuerLevel === "city" ? `/tasks/${r.taskId}` : `/assignments/${r.parentId ?? r.id}`;
      return { kind: "assignment.overdue", subjectId: r.id, recipientId: r.userId, dueDay: r.deadline, title: holder ? r.title : `${r.title}（${r.committeeName}）`, link };
    }),
  );
}

/**
 * County and township committees below each ongoing campaign's committee, with their staff:
 * the rows the coverage reminders start from.
 */
function campaignUnits(db: Db) {
  const root = alias(committees, "root");
  return db
    .select({ campaignId: campaigns.id, campaignTitle: campaigns.title, reportDueDay: campaigns.reportDueDay, committeeId: unit.id, userId: users.id })
    .from(campaigns)
    .innerJoin(root, eq(root.id, campaigns.committeeId))
    .innerJoin(unit, and(sql`${unit.path} like ${root.path} || '%'`, inArray(unit.level, ["county", "township"])))
    .innerJoin(users, staffOf(unit.id));
}

/**
 * From the 15th: staff of every county and township with no held or planned activity this month
 * in an ongoing campaign, once per campaign and month.
 */
export async function sendMidMonthWarnings(db: Db, now: Date): Promise<number> {
  const today = chinaToday(now);
  const warning = midMonthWarning(today);
  if (!warning) return 0;
  const rows = await campaignUnits(db).where(
    and(
      lte(campaigns.startDate, today),
      gte(campaigns.endDate, today),
      notExists(
        db
          .select({ one: sql`1` })
          .from(activities)
          .where(
            and(
              eq(activities.campaignId, campaigns.id),
              eq(activities.committeeId, unit.id),
              ne(activities.status, "cancelled"),
              gte(activities.startsAt, warning.from),
              lt(activities.startsAt, warning.to),
            ),
          ),
      ),
    ),
  );
  return deliver(
    db,
    rows.map((r) => ({
      kind: "coverage.noActivity",
      subjectId: r.campaignId,
      recipientId: r.userId,
      dueDay: warning.month,
      title: `${r.campaignTitle}（${monthLabel(warning.month)}）`,
      link: "/coverage",
    })),
  );
}

/**
 * Early in the month and the day before the due day: staff of every county and township whose
 * report on last month, for a campaign that ran then, is not submitted.
 */
export async function sendMonthlyReportReminders(db: Db, now: Date): Promise<number> {
  const today = chinaToday(now);
  const { month, lastDay } = reportedMonth(today);
  const rows = await campaignUnits(db).where(
    and(
      lte(campaigns.startDate, lastDay),
      gte(campaigns.endDate, month),
      notExists(
        db
          .select({ one: sql`1` })
          .from(monthlyReports)
          .where(
            and(
              eq(monthlyReports.campaignId, campaigns.id),
              eq(monthlyReports.committeeId, unit.id),
              eq(monthlyReports.month, month),
              eq(monthlyReports.status, "submitted"),
            ),
          ),
      ),
    ),
  );
  return deliver(
    db,
    rows.flatMap((r): ReminderDraft[] => {
      const due = monthlyReportReminder(today, r.reportDueDay);
      if (!due) return [];
      return [{ kind: due.kind, subjectId: r.campaignId, recipientId: r.userId, dueDay: due.dueDate, title: `${r.campaignTitle}（${monthLabel(due.month)}）`, link: "/monthly-reports" }];
    }),
  );
}

/** The day before a planned activity: every member registered for it (not waiting) who has a sign-in. */
export async function sendActivityReminders(db: Db, now: Date): Promise<number> {
  const day = activityReminderDay(chinaToday(now));
  const { from, to } = dayRange(day);
  const rows = await db
    .select({ id: activities.id, title: activities.title, startsAt: activities.startsAt, place: activities.place, userId: users.id })
    .from(activities)
    .innerJoin(registrations, and(eq(registrations.activityId, activities.id), eq(registrations.status, "registered")))
    .innerJoin(users, and(eq(users.memberId, registrations.memberId), isNull(users.disabledAt)))
    .where(and(eq(activities.status, "planned"), gte(activities.startsAt, from), lt(activities.startsAt, to)));
  return deliver(
    db,
    rows.map((r) => ({
      kind: "activity.tomorrow",
      subjectId: r.id,
      recipientId: r.userId,
      dueDay: day,
      title: `${r.title}（${shanghaiTime(r.startsAt)}，${r.place}）`,
      link: `/activities/${r.id}`,
    })),
  );
}
