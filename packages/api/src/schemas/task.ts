import { z } from "zod";
import { ASSIGNMENT_STATUSES } from "@dm/db/enums";
import { id, isoDate, text, version } from "./common";

export const taskFields = z.object({
  campaignId: id,
  title: text({ min: 2, max: 120 }),
  description: text({ max: 5000 }).default(""),
  focusArea: text({ min: 1, max: 60 }),
  method: text({ min: 1, max: 60 }),
  deadline: isoDate,
  responsibleLeaderId: id.nullable().default(null),
  attachmentIds: z.array(id).max(20).default([]),
});

/** 下发: a task and the county committees it goes to. */
export const taskCreateInput = taskFields.extend({ committeeIds: z.array(id).min(1).max(50) });
export type TaskCreateInput = z.input<typeof taskCreateInput>;

/** Edits the task; `addCommitteeIds` sends it to further counties. */
export const taskUpdateInput = z.object({ id, version, data: taskFields, addCommitteeIds: z.array(id).max(50).default([]) });

export const TASK_PAGE_SIZE = 20;

export const taskListInput = z.object({
  campaignId: id.optional(),
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  committeeId: id.optional(),
  focusArea: text({ max: 60 }).optional(),
  overdue: z.boolean().optional(),
  search: text({ max: 50 }).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type TaskListInput = z.input<typeof taskListInput>;
/** The list's filters without the page: what its export takes. */
export type TaskListFilters = Omit<z.output<typeof taskListInput>, "page">;

export const byIdInput = z.object({ id });

export const inboxInput = z.object({
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  overdue: z.boolean().optional(),
  search: text({ max: 50 }).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type InboxInput = z.input<typeof inboxInput>;

const versioned = z.object({ id, version });

export const acceptInput = versioned;
export const passDownInput = versioned.extend({ committeeIds: z.array(id).min(1).max(50), deadline: isoDate.optional() });
export const reportInput = versioned.extend({
  text: text({ min: 1, max: 5000 }),
  percent: z.number().int().min(0).max(100),
  /** true: 上报完成 (reported complete); false: a progress update. */
  complete: z.boolean().default(false),
  attachmentIds: z.array(id).max(20).default([]),
});
export type ReportInput = z.input<typeof reportInput>;
export const approveInput = versioned.extend({ comment: text({ max: 2000 }).default("") });
export const returnInput = versioned.extend({ reason: text({ min: 1, max: 2000 }) });
