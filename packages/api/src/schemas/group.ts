import { z } from "zod";
import { ADOPTIONS, GROUP_KINDS, GROUP_ROLES, VISIT_FORMS } from "@dm/db/enums";
import { id, isoDate, text, version } from "./common";

const page = z.number().int().min(1).max(10_000).default(1);
export const byIdInput = z.object({ id });

/* ─── 职能部门 register ─────────────────────────────────────────────────────────────────────── */

export const departmentName = text({ min: 2, max: 40 });
export const departmentListInput = z.object({
  /** A committee in the caller's scope; the caller's own when left out. */
  committeeId: id.optional(),
  includeInactive: z.boolean().default(true),
});
export const departmentCreateInput = z.object({ name: departmentName });
export type DepartmentCreateInput = z.input<typeof departmentCreateInput>;
export const departmentRenameInput = z.object({ id, name: departmentName });
export const departmentActiveInput = z.object({ id, active: z.boolean() });

/* ─── 派驻监督小组 and 民主监督员 ─────────────────────────────────────────────────────────────── */

export const TERM_STATUSES = ["upcoming", "active", "ended"] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

export const GROUP_PAGE_SIZE = 20;

export const groupListInput = z.object({
  search: text({ max: 50 }).optional(),
  departmentId: id.optional(),
  status: z.enum(TERM_STATUSES).optional(),
  kind: z.enum(GROUP_KINDS).optional(),
  page,
});
export type GroupListInput = z.input<typeof groupListInput>;

const groupMember = z.object({ memberId: id, role: z.enum(GROUP_ROLES) });

/** What a dispatch (or an edit of it) names; the roster rules are checked in domain/group.ts. */
const groupBase = z.object({
  departmentId: id,
  name: text({ min: 2, max: 60 }),
  termStart: isoDate,
  termEnd: isoDate,
  members: z.array(groupMember).min(1).max(30),
});
const termInOrder = (v: { termStart: string; termEnd: string }) => v.termEnd >= v.termStart;
const badTerm = { message: "group.badTerm", path: ["termEnd"] };

export const groupFields = groupBase.refine(termInOrder, badTerm);
export const groupCreateInput = groupBase.extend({ kind: z.enum(GROUP_KINDS) }).refine(termInOrder, badTerm);
export type GroupCreateInput = z.input<typeof groupCreateInput>;
export const groupUpdateInput = z.object({ id, version, data: groupFields });
export type GroupUpdateInput = z.input<typeof groupUpdateInput>;
/** 提前结束任期: the last day of the term, today unless given. */
export const groupEndTermInput = z.object({ id, version, endDate: isoDate.optional() });

/* ─── Visits and opinions ───────────────────────────────────────────────────────────────────── */

export const visitInput = z.object({
  groupId: id,
  date: isoDate,
  form: z.enum(VISIT_FORMS),
  summary: text({ min: 5, max: 5000 }),
  attachmentIds: z.array(id).max(9).default([]),
});
export type VisitInput = z.input<typeof visitInput>;

export const opinionInput = z.object({
  groupId: id,
  /** The visit it came out of, if any (one of the same group). */
  visitId: id.nullable().default(null),
  title: text({ min: 4, max: 80 }),
  content: text({ min: 10, max: 5000 }),
  raisedOn: isoDate,
});
export type OpinionInput = z.input<typeof opinionInput>;

/** The department's answer, recorded by the dispatching committee's staff. */
export const opinionReplyInput = z.object({
  id,
  version,
  reply: text({ min: 2, max: 5000 }),
  repliedOn: isoDate,
  adoption: z.enum(ADOPTIONS),
});
export type OpinionReplyInput = z.input<typeof opinionReplyInput>;

/* ─── 民主评议 ───────────────────────────────────────────────────────────────────────────────── */

export const appraisalYear = z.number().int().min(2000).max(2100);
export const criteriaInput = z.object({ year: appraisalYear, committeeId: id.optional() });
export const criterionCreateInput = z.object({ year: appraisalYear, name: text({ min: 2, max: 40 }), maxScore: z.number().int().min(1).max(100) });
export type CriterionCreateInput = z.input<typeof criterionCreateInput>;
export const criterionUpdateInput = z.object({ id, name: text({ min: 2, max: 40 }), maxScore: z.number().int().min(1).max(100) });
export const criterionRemoveInput = z.object({ id });

export const scoreFormInput = z.object({ groupId: id, year: appraisalYear });
export const scoreInput = z.object({
  groupId: id,
  year: appraisalYear,
  /** Bounds per criterion (0..its max) are checked against the stored criteria. */
  scores: z
    .array(z.object({ criterionId: id, score: z.number().int().min(0).max(100) }))
    .min(1)
    .max(30)
    .refine((s) => new Set(s.map((x) => x.criterionId)).size === s.length, { message: "appraisal.criterionScoredTwice" }),
});
export type ScoreInput = z.input<typeof scoreInput>;
export const resultsInput = z.object({ year: appraisalYear, committeeId: id.optional() });
