import { sql } from "drizzle-orm";
import { bigserial, date, doublePrecision, index, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { PROBLEM_CATEGORIES, PROBLEM_EVENTS, PROBLEM_SOURCES, PROBLEM_STATUSES } from "../enums";
import { committees } from "./committee";
import { departments } from "./supervision";
import { users } from "./user";

export const problemCategory = pgEnum("problem_category", PROBLEM_CATEGORIES);
export const problemStatus = pgEnum("problem_status", PROBLEM_STATUSES);
export const problemSource = pgEnum("problem_source", PROBLEM_SOURCES);
export const problemEventType = pgEnum("problem_event_type", PROBLEM_EVENTS);

/**
 * 问题清单: a problem found, followed through rectification (整改) to verified close-out (销号).
 * `committeeId` is the committee whose area it is and who follows the rectification; the raising
 * committee alone verifies the close-out. Evidence files are attachments owned by "problem".
 */
export const problems = pgTable(
  "problems",
  {
    id: serial().primaryKey(),
    title: text().notNull(),
    description: text().notNull(),
    category: problemCategory().notNull(),
    location: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    raisingCommitteeId: integer()
      .notNull()
      .references(() => committees.id),
    departmentId: integer().references(() => departments.id),
    /** 整改期限 */
    deadline: date({ mode: "string" }),
    status: problemStatus().notNull().default("pending"),
    /** 整改方案, written when assigned. */
    plan: text().notNull().default(""),
    source: problemSource().notNull(),
    /** The activity, visit, assignment or tip it came from. */
    sourceId: integer(),
    closedAt: timestamp({ withTimezone: true }),
    /** 回头看 scheduled for this day, after close-out. */
    lookbackOn: date({ mode: "string" }),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("problems_committee_status_idx").on(t.committeeId, t.status),
    // The dashboard's problem figures of a subtree (found, closed, overdue per month) from the index alone.
    index("problems_committee_created_idx").on(t.committeeId, t.createdAt, t.status, t.deadline, t.closedAt),
    index("problems_raising_committee_idx").on(t.raisingCommitteeId),
    index("problems_department_idx").on(t.departmentId),
    index("problems_source_idx").on(t.source, t.sourceId),
    // The ledger's order (unresolved first by deadline, closed last, newest first), then the
    // columns of its scope and filters: a page is a walk of this index alone (routers/problem.ts).
    index("problems_ledger_order_idx").on(
      sql`(${t.status} = 'closed')`,
      t.deadline,
      t.id.desc().nullsFirst(),
      t.committeeId,
      t.raisingCommitteeId,
      t.status,
      t.category,
      t.departmentId,
    ),
  ],
);

/** The timeline of a problem: every step, who, when and why. Append-only. */
export const problemEvents = pgTable(
  "problem_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    problemId: integer()
      .notNull()
      .references(() => problems.id),
    type: problemEventType().notNull(),
    actorUserId: integer()
      .notNull()
      .references(() => users.id),
    fromStatus: problemStatus(),
    toStatus: problemStatus().notNull(),
    comment: text().notNull().default(""),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("problem_events_problem_idx").on(t.problemId, t.at)],
);

export type Problem = typeof problems.$inferSelect;
export type ProblemEvent = typeof problemEvents.$inferSelect;
