import { z } from "zod";
import { ACTIVITY_AUDIENCES, ACTIVITY_STATUSES, ACTIVITY_TYPES, ATTENDANCE_STATUSES } from "@dm/db/enums";
import { id, moment, monthString, text, version } from "./common";

/** What an organiser enters for an activity, on create and edit alike. */
export const activityFields = z
  .object({
    type: z.enum(ACTIVITY_TYPES),
    title: text({ min: 2, max: 120 }),
    description: text({ max: 5000 }).default(""),
    campaignId: id,
    taskId: id.nullable().default(null),
    focusArea: text({ max: 60 }).nullable().default(null),
    startsAt: moment,
    endsAt: moment,
    place: text({ min: 1, max: 200 }),
    organizer: text({ min: 1, max: 100 }),
    /** null: no limit. */
    capacity: z.number().int().min(1).max(10_000).nullable().default(null),
    signupDeadline: moment,
    audience: z.enum(ACTIVITY_AUDIENCES),
    /** Members invited, when the audience is "invited" (chosen from the organiser's subtree). */
    inviteeIds: z.array(id).max(500).default([]),
    attachmentIds: z.array(id).max(20).default([]),
  })
  .refine((v) => v.endsAt.getTime() > v.startsAt.getTime(), { message: "activity.endBeforeStart", path: ["endsAt"] })
  // Sign-up may stay open on the day itself, but not past the end.
  .refine((v) => v.signupDeadline.getTime() <= v.endsAt.getTime(), { message: "activity.deadlineAfterEnd", path: ["signupDeadline"] })
  .refine((v) => v.audience !== "invited" || v.inviteeIds.length > 0, { message: "activity.inviteesRequired", path: ["inviteeIds"] });
export type ActivityFields = z.input<typeof activityFields>;

export const activityCreateInput = activityFields;
export const activityUpdateInput = z.object({ id, version, data: activityFields });
export type ActivityUpdateInput = z.input<typeof activityUpdateInput>;

export const ACTIVITY_PAGE_SIZE = 20;

/** The staff list: activities organised within the caller's scope. */
export const activityListInput = z.object({
  search: text({ max: 50 }).optional(),
  campaignId: id.optional(),
  /** A calendar month in China, "2026-05". */
  month: monthString.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type ActivityListInput = z.input<typeof activityListInput>;

/** A member's lists: what is open to sign up for, or their own activities. */
export const memberActivitiesInput = z.object({
  view: z.enum(["open", "mine"]).default("open"),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type MemberActivitiesInput = z.input<typeof memberActivitiesInput>;

export const activityByIdInput = z.object({ id });
export const activityCancelInput = z.object({ id, version, reason: text({ max: 500 }).default("") });
export const signUpInput = z.object({ id });

export const checkInInput = z.object({ activityId: id, token: text({ min: 1, max: 200 }) });

/** An organiser's hand mark; 请假 needs its reason. */
export const markAttendanceInput = z
  .object({ activityId: id, memberId: id, attendance: z.enum(ATTENDANCE_STATUSES), note: text({ max: 500 }).default("") })
  .refine((v) => v.attendance !== "excused" || v.note.length > 0, { message: "activity.reasonRequired", path: ["note"] });
export type MarkAttendanceInput = z.input<typeof markAttendanceInput>;

/** The record written afterwards; `markHeld` also marks the activity held. */
export const recordInput = z.object({
  id,
  version,
  minutes: text({ max: 20_000 }).default(""),
  findings: text({ max: 20_000 }).default(""),
  opinionCount: z.number().int().min(0).max(100_000),
  attachmentIds: z.array(id).max(30).default([]),
  markHeld: z.boolean().default(false),
});
export type RecordInput = z.input<typeof recordInput>;

/** A registered member's own finding, with photos. */
export const findingInput = z.object({ activityId: id, text: text({ min: 1, max: 5000 }), attachmentIds: z.array(id).max(10).default([]) });
export type FindingInput = z.input<typeof findingInput>;

export const calendarFeedInput = z.object({ regenerate: z.boolean().default(false) });
