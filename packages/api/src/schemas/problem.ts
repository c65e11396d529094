import { z } from "zod";
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from "@dm/db/enums";
import { id, isoDate, text, version } from "./common";

const versioned = z.object({ id, version });

/** Where a new problem came from; a tip becomes a problem through tip.convert instead. */
export const PROBLEM_ENTRY_SOURCES = ["activity", "visit", "assignment", "direct"] as const;

/** The fields of a problem, shared by the new-problem form and tip conversion. */
const problemObject = z.object({
  title: text({ min: 2, max: 120 }),
  description: text({ min: 1, max: 5000 }),
  category: z.enum(PROBLEM_CATEGORIES),
  location: text({ min: 1, max: 200 }),
  /** WGS-84 degrees; both or neither. */
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  /** The committee whose area it is: any committee in the caller's scope. */
  committeeId: id,
  departmentId: id.nullable().default(null),
  deadline: isoDate.nullable().default(null),
  attachmentIds: z.array(id).max(20).default([]),
});

/** Both coordinates or neither. */
const bothOrNeither = (v: { latitude: number | null; longitude: number | null }) => (v.latitude === null) === (v.longitude === null);
const pairMessage = () => ({ message: "problem.coordinatesPair", path: ["longitude"] });

export const problemFields = problemObject.refine(bothOrNeither, pairMessage());

export const problemCreateInput = problemObject
  .extend({
    source: z.enum(PROBLEM_ENTRY_SOURCES).default("direct"),
    sourceId: id.nullable().default(null),
  })
  .refine(bothOrNeither, pairMessage())
  .refine((v) => (v.source === "direct") === (v.sourceId === null), { message: "problem.sourceIdRequired", path: ["sourceId"] });
export type ProblemCreateInput = z.input<typeof problemCreateInput>;

export const PROBLEM_PAGE_SIZE = 20;

/** The ledger's filters; the same ones drive the counts, the closure rate and the export. */
export const problemFilterInput = z.object({
  status: z.enum(PROBLEM_STATUSES).optional(),
  category: z.enum(PROBLEM_CATEGORIES).optional(),
  /** A committee in scope (a county): its problems and its townships'. */
  committeeId: id.optional(),
  departmentId: id.optional(),
  overdue: z.boolean().optional(),
  search: text({ max: 50 }).optional(),
});
export const problemListInput = problemFilterInput.extend({ page: z.number().int().min(1).max(10_000).default(1) });
export type ProblemListInput = z.input<typeof problemListInput>;
export type ProblemFilterInput = z.infer<typeof problemFilterInput>;

export const problemByIdInput = z.object({ id });

/** 交办: the rectification plan, the responsible department and the deadline. */
export const problemAssignInput = versioned.extend({
  plan: text({ min: 1, max: 5000 }),
  departmentId: id,
  deadline: isoDate,
});
/** 报告整改完成: what was done, with evidence files. */
export const problemReportInput = versioned.extend({
  text: text({ min: 1, max: 5000 }),
  attachmentIds: z
    .array(id)
    .max(20)
    .refine((ids) => ids.length > 0, { message: "problem.evidenceRequired" }),
});
export const problemVerifyInput = versioned.extend({ comment: text({ max: 2000 }).default("") });
export const problemRejectInput = versioned.extend({ reason: text({ min: 1, max: 2000 }) });
export const problemLookbackInput = versioned.extend({ date: isoDate, comment: text({ max: 2000 }).default("") });
export const problemPassLookbackInput = versioned.extend({ comment: text({ max: 2000 }).default("") });
export const problemReopenInput = versioned.extend({ reason: text({ min: 1, max: 2000 }) });

/** Departments that may answer for a problem in this committee's area. */
export const problemDepartmentsInput = z.object({ committeeId: id });

/** The source a new problem names, checked to exist and to be in scope. */
export const problemSourceInput = z.object({ source: z.enum(["activity", "visit", "assignment"]), sourceId: id });
