import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigserial, date, index, integer, pgEnum, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ASSIGNMENT_EVENTS, ASSIGNMENT_STATUSES } from "../enums";
import { campaigns } from "./campaign";
import { committees } from "./committee";
import { users } from "./user";

export const assignmentStatus = pgEnum("assignment_status", ASSIGNMENT_STATUSES);
export const assignmentEventType = pgEnum("assignment_event_type", ASSIGNMENT_EVENTS);

/** 监督任务: written by the city, sent (下发) to county committees as assignments. */
export const tasks = pgTable(
  "tasks",
  {
    id: serial().primaryKey(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id),
    /** The committee that issued it (the city). */
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    title: text().notNull(),
    description: text().notNull().default(""),
    focusArea: text().notNull(),
    method: text().notNull(),
    deadline: date({ mode: "string" }).notNull(),
    responsibleLeaderId: integer().references(() => users.id),
    version: integer().notNull().default(1),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tasks_campaign_idx").on(t.campaignId),
    index("tasks_deadline_idx").on(t.deadline),
    // The city's task list of a campaign, newest first.
    index("tasks_committee_campaign_idx").on(t.committeeId, t.campaignId, t.id),
  ],
);

/**
 * A task sent to one committee: a county (issued by the city) or a township (passed down by
 * its county, `parentId` pointing at the county's assignment). Each has its own status.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: serial().primaryKey(),
    taskId: integer()
      .notNull()
      .references(() => tasks.id),
    parentId: integer().references((): AnyPgColumn => assignments.id),
    /** Who does the work. */
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    /** Who reviews it: the city for counties, the county for its townships. */
    issuerCommitteeId: integer()
      .notNull()
      .references(() => committees.id),
    /** The user who sent it: told when it is accepted or reported. */
    sentBy: integer()
      .notNull()
      .references(() => users.id),
    status: assignmentStatus().notNull().default("sent"),
    deadline: date({ mode: "string" }).notNull(),
    /** Latest reported percent complete. */
    percent: smallint().notNull().default(0),
    /** Raised by every change; a write names the version it read (optimistic concurrency). */
    version: integer().notNull().default(1),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("assignments_task_committee_uq").on(t.taskId, t.committeeId),
    index("assignments_committee_status_idx").on(t.committeeId, t.status),
    index("assignments_parent_idx").on(t.parentId),
    // A committee's inbox in its order (open ones first, the nearest deadline first), a page at a time.
    index("assignments_inbox_idx").on(t.committeeId, sql`(${t.status} = 'approved')`, t.deadline, t.id.desc().nullsFirst()),
    // The county assignments of a task by status: the task list's filters and counts.
    index("assignments_task_county_idx").on(t.taskId, t.status).where(sql`${t.parentId} is null`),
  ],
);

/** The timeline: every transition and report, who, when and why. Append-only. */
export const assignmentEvents = pgTable(
  "assignment_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    assignmentId: integer()
      .notNull()
      .references(() => assignments.id),
    type: assignmentEventType().notNull(),
    actorUserId: integer()
      .notNull()
      .references(() => users.id),
    fromStatus: assignmentStatus(),
    toStatus: assignmentStatus().notNull(),
    /** Report text, return reason, or note. */
    comment: text().notNull().default(""),
    percent: smallint(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assignment_events_assignment_idx").on(t.assignmentId, t.at)],
);

export type Task = typeof tasks.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
export type AssignmentEvent = typeof assignmentEvents.$inferSelect;
