import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ADOPTIONS, GROUP_KINDS, GROUP_ROLES, VISIT_FORMS } from "../enums";
import { committees } from "./committee";
import { members } from "./member";
import { users } from "./user";

export const groupKind = pgEnum("group_kind", GROUP_KINDS);
export const groupRole = pgEnum("group_role", GROUP_ROLES);
export const visitForm = pgEnum("visit_form", VISIT_FORMS);
export const adoption = pgEnum("adoption", ADOPTIONS);

/** 职能部门: the government departments a committee supervises (a register per committee). */
export const departments = pgTable(
  "departments",
  {
    id: serial().primaryKey(),
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    name: text().notNull(),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("departments_committee_name_uq").on(t.committeeId, t.name)],
);

/** 派驻民主监督小组 (or one 民主监督员), dispatched by a committee to a department for a term. */
export const supervisionGroups = pgTable(
  "supervision_groups",
  {
    id: serial().primaryKey(),
    /** The dispatching committee. */
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    departmentId: integer()
      .notNull()
      .references(() => departments.id),
    kind: groupKind().notNull().default("group"),
    name: text().notNull(),
    termStart: date({ mode: "string" }).notNull(),
    termEnd: date({ mode: "string" }).notNull(),
    version: integer().notNull().default(1),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("supervision_groups_committee_idx").on(t.committeeId), index("supervision_groups_department_idx").on(t.departmentId)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: integer()
      .notNull()
      .references(() => supervisionGroups.id, { onDelete: "cascade" }),
    memberId: integer()
      .notNull()
      .references(() => members.id),
    role: groupRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index("group_members_member_idx").on(t.memberId)],
);

/** A visit by the group (photos are attachments owned by "visit"). */
export const visits = pgTable(
  "visits",
  {
    id: serial().primaryKey(),
    groupId: integer()
      .notNull()
      .references(() => supervisionGroups.id),
    date: date({ mode: "string" }).notNull(),
    form: visitForm().notNull(),
    summary: text().notNull(),
    recordedBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("visits_group_date_idx").on(t.groupId, t.date)],
);

/** 意见建议 raised to the department, with its reply and whether it was adopted. */
export const opinions = pgTable(
  "opinions",
  {
    id: serial().primaryKey(),
    groupId: integer()
      .notNull()
      .references(() => supervisionGroups.id),
    visitId: integer().references(() => visits.id),
    title: text().notNull(),
    content: text().notNull(),
    raisedOn: date({ mode: "string" }).notNull(),
    raisedBy: integer()
      .notNull()
      .references(() => users.id),
    reply: text().notNull().default(""),
    repliedOn: date({ mode: "string" }),
    /** Null until the department has answered. */
    adoption: adoption(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("opinions_group_idx").on(t.groupId, t.raisedOn)],
);

/** 民主评议 criteria, configured by a committee for a year. */
export const appraisalCriteria = pgTable(
  "appraisal_criteria",
  {
    id: serial().primaryKey(),
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    year: smallint().notNull(),
    name: text().notNull(),
    maxScore: smallint().notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("appraisal_criteria_committee_year_name_uq").on(t.committeeId, t.year, t.name)],
);

/** One group member's score of their group's department on one criterion. */
export const appraisalScores = pgTable(
  "appraisal_scores",
  {
    id: serial().primaryKey(),
    groupId: integer()
      .notNull()
      .references(() => supervisionGroups.id),
    criterionId: integer()
      .notNull()
      .references(() => appraisalCriteria.id),
    memberId: integer()
      .notNull()
      .references(() => members.id),
    score: smallint().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("appraisal_scores_group_criterion_member_uq").on(t.groupId, t.criterionId, t.memberId)],
);

export type Department = typeof departments.$inferSelect;
export type SupervisionGroup = typeof supervisionGroups.$inferSelect;
export type Visit = typeof visits.$inferSelect;
export type Opinion = typeof opinions.$inferSelect;
