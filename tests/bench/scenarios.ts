/**
 * The endpoints the benchmarks measure, named once: the load benchmark calls them over HTTP,
 * its bare-SQL bound replays their statements, and the query-plan test EXPLAINs them.
 */
import type { BenchManifest } from "./data/manifest";

export type Actor = keyof BenchManifest["actors"];

export interface ReadScenario {
  name: string;
  /** What a user calls the page, for the results table. */
  label: string;
  actor: Actor;
  /** tRPC procedure path. */
  path: string;
  input(m: BenchManifest): unknown;
  /** Measured for comparison, not held to the budgets (errors still count). */
  reference?: true;
}

export const READS: readonly ReadScenario[] = [
  { name: "dashboard", label: "市领导数据看板", actor: "cityLeader", path: "dashboard.overview", input: (m) => ({ campaignId: m.campaignId, month: m.month }) },
  { name: "coverage", label: "全年月度覆盖矩阵", actor: "cityStaff", path: "coverage.matrix", input: (m) => ({ year: m.year }) },
  { name: "tasks", label: "任务列表（按专项、状态筛选）", actor: "cityStaff", path: "task.list", input: (m) => ({ campaignId: m.campaignId, status: "in_progress", page: 1 }) },
  { name: "inbox", label: "县级任务收件箱", actor: "countyStaff", path: "assignment.inbox", input: () => ({ page: 1 }) },
  { name: "member-activities", label: "委员可报名活动", actor: "member", path: "activity.forMember", input: () => ({ view: "open", page: 1 }) },
  { name: "problems", label: "问题清单", actor: "cityStaff", path: "problem.list", input: () => ({ page: 1 }) },
  // The framework's floor: the cheapest real call (every page's bell asks it), two one-row
  // statements. What the app spends beyond its bound here it spends on every call.
  { name: "floor", label: "参照：未读通知数", actor: "member", path: "notification.unreadCount", input: () => undefined, reference: true },
];

/** Writes: each request changes a different row (see BenchManifest's write targets). */
export const WRITES = [
  { name: "progress", label: "上报任务进度", path: "assignment.reportProgress" },
  { name: "sign-up", label: "委员报名", path: "activity.signUp" },
  { name: "check-in", label: "扫码签到", path: "activity.checkIn" },
] as const;
