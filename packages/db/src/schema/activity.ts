import { sql } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ACTIVITY_AUDIENCES, ACTIVITY_STATUSES, ACTIVITY_TYPES, ATTENDANCE_STATUSES, CHECK_IN_METHODS, REGISTRATION_STATUSES } from "../enums";
import { campaigns } from "./campaign";
import { committees } from "./committee";
import { members } from "./member";
import { tasks } from "./task";
import { users } from "./user";

export const activityType = pgEnum("activity_type", ACTIVITY_TYPES);
export const activityAudience = pgEnum("activity_audience", ACTIVITY_AUDIENCES);
export const activityStatus = pgEnum("activity_status", ACTIVITY_STATUSES);
export const registrationStatus = pgEnum("registration_status", REGISTRATION_STATUSES);
export const attendanceStatus = pgEnum("attendance_status", ATTENDANCE_STATUSES);
export const checkInMethod = pgEnum("check_in_method", CHECK_IN_METHODS);

/** 监督活动: organised by one committee (city, county or township) within a campaign. */
export const activities = pgTable(
  "activities",
  {
    id: serial().primaryKey(),
    /** The organising committee; staff see activities organised within their scope. */
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id),
    taskId: integer().references(() => tasks.id),
    focusArea: text(),
    type: activityType().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    place: text().notNull(),
    /** 组织者: the person or office in charge, as shown to members. */
    organizer: text().notNull(),
    /** Null: no limit. */
    capacity: integer(),
    signupDeadline: timestamp({ withTimezone: true }).notNull(),
    audience: activityAudience().notNull(),
    status: activityStatus().notNull().default("planned"),
    /** Hands out queue positions to registrations, under the activity's row lock. */
    signupSeq: integer().notNull().default(0),
    /** HMAC key of the rotating check-in QR codes; random per activity, never sent to clients. */
    checkInSecret: text().notNull(),
    /** The record written afterwards: 纪要, 发现的问题, 意见建议条数. */
    minutes: text().notNull().default(""),
    findings: text().notNull().default(""),
    opinionCount: integer().notNull().default(0),
    heldAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Status and campaign ride along so the coverage matrix and the dashboard count a subtree's
    // activities per month from the index alone (committee id = any(subtree), start in range).
    index("activities_committee_starts_idx").on(t.committeeId, t.startsAt, t.status, t.campaignId),
    index("activities_campaign_starts_idx").on(t.campaignId, t.startsAt),
    index("activities_starts_idx").on(t.startsAt),
    // A member's open list: planned activities of the committees on their path, by audience.
    index("activities_planned_idx").on(t.committeeId, t.audience, t.endsAt).where(sql`${t.status} = 'planned'`),
  ],
);

/** 邀请的委员, for activities whose audience is "invited". */
export const activityInvitees = pgTable(
  "activity_invitees",
  {
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    memberId: integer()
      .notNull()
      .references(() => members.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.memberId] }), index("activity_invitees_member_idx").on(t.memberId)],
);

/**
 * A member's sign-up (报名) and, on the day, attendance (签到). One row per member and activity;
 * cancelling and signing up again reuses it with a new queue position.
 */
export const registrations = pgTable(
  "registrations",
  {
    id: serial().primaryKey(),
    activityId: integer()
      .notNull()
      .references(() => activities.id),
    memberId: integer()
      .notNull()
      .references(() => members.id),
    status: registrationStatus().notNull(),
    /** Arrival order (from activities.signupSeq): the waiting list is promoted in this order. */
    queuePosition: integer().notNull(),
    registeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
    attendance: attendanceStatus(),
    /** 请假 reason, or the organiser's note. */
    attendanceNote: text().notNull().default(""),
    checkedInAt: timestamp({ withTimezone: true }),
    checkInMethod: checkInMethod(),
    /** The organiser who marked attendance by hand. */
    markedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("registrations_activity_member_uq").on(t.activityId, t.memberId),
    index("registrations_activity_status_idx").on(t.activityId, t.status, t.queuePosition),
    index("registrations_member_idx").on(t.memberId),
    // Attendance (出席 or 迟到) of a place kept, both ways round: whether a member took part in a
    // campaign (stopping at the first), and who attended a month's activities (the dashboard).
    index("registrations_attended_member_idx").on(t.memberId, t.activityId).where(sql`${t.status} <> 'cancelled' and ${t.attendance} in ('present', 'late')`),
    index("registrations_attended_activity_idx").on(t.activityId, t.memberId).where(sql`${t.status} <> 'cancelled' and ${t.attendance} in ('present', 'late')`),
  ],
);

/**
 * 参与: how many places a member kept and attended (出席 or 迟到) at held activities of a campaign
 * starting in a month (Asia/Shanghai), a row only while that is at least one. Derived from
 * registrations and activities, kept up to date in the same transaction by every write that
 * changes it (packages/api/src/participation.ts), so the dashboard asks one index entry per
 * member instead of reading their sign-ups. `rebuildParticipation` (participation.ts here)
 * recomputes it from scratch.
 */
export const participationMonths = pgTable(
  "participation_months",
  {
    memberId: integer()
      .notNull()
      .references(() => members.id),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id),
    /** The first day of the month. */
    month: date().notNull(),
    attended: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.campaignId, t.month] })],
);

/** A member's own findings (text, photos as attachments) added after the activity. */
export const activityFindings = pgTable(
  "activity_findings",
  {
    id: serial().primaryKey(),
    activityId: integer()
      .notNull()
      .references(() => activities.id),
    memberId: integer()
      .notNull()
      .references(() => members.id),
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("activity_findings_activity_idx").on(t.activityId), index("activity_findings_member_idx").on(t.memberId)],
);

/** 履职积分规则: points per counted thing (attendance, a finding, …), editable by city staff. */
export const pointRules = pgTable("point_rules", {
  /** A code from the points rules in @dm/api's domain (e.g. "present", "finding"). */
  code: text().primaryKey(),
  points: integer().notNull(),
  updatedBy: integer().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Activity = typeof activities.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
export type ActivityFinding = typeof activityFindings.$inferSelect;
export type PointRule = typeof pointRules.$inferSelect;
export type ParticipationMonth = typeof participationMonths.$inferSelect;
