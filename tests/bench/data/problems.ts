import { createHash } from "node:crypto";
import type { Sql } from "postgres";
import type { ProblemCategory, ProblemEventType, ProblemSource, ProblemStatus } from "@dm/db";
import type { ActivityWork } from "./activities";
import type { TaskWork } from "./campaigns";
import { copyRows } from "./copy";
import type { LoadTimer } from "./timer";
import type { Committee, Organisation } from "./organisation";
import { between, pick, type Random, streamOf, weighted, weightedItem } from "./random";
import { addDays, chinaDay, chinaTime, DAY, RATES } from "./shape";

/** 职能部门 named in the source reports; the city and every county keep their own register. */
export const DEPARTMENTS = ["生态环境局", "住房和城乡建设局", "农业农村局", "水利局", "自然资源和规划局", "城市管理和综合执法局", "林业局", "交通运输局"];

const KINDS: { category: ProblemCategory; title: string; location: string; department: number }[] = [
  { category: "water", title: "沿河生活污水直排", location: "沿河居民区", department: 1 },
  { category: "water", title: "入河排污口未规范整治", location: "入河排污口", department: 0 },
  { category: "water", title: "规模养殖场粪污处理设施不完善", location: "规模养殖场", department: 2 },
  { category: "air", title: "砖厂周边扬尘污染", location: "砖厂", department: 0 },
  { category: "air", title: "餐饮油烟扰民", location: "商业街", department: 5 },
  { category: "solid_waste", title: "河道漂浮垃圾清理不及时", location: "支流河道", department: 3 },
  { category: "solid_waste", title: "建筑垃圾违规堆放", location: "城郊结合部", department: 5 },
  { category: "soil", title: "遗留污染地块修复进度滞后", location: "老工业区", department: 4 },
  { category: "noise", title: "夜间施工噪声扰民", location: "建筑工地", department: 1 },
  { category: "ecology", title: "山体开挖后未复绿", location: "采石场", department: 4 },
  { category: "ecology", title: "河道非法采砂", location: "河段", department: 4 },
  { category: "other", title: "重点排污单位未依法公开环境信息", location: "工业园区", department: 0 },
];
const REJECTIONS = ["整改材料不全，需补充现场照片。", "复绿面积不足，部分边坡仍裸露。", "监测数据未达标，请继续整改。"];
const TIP_TEXT = ["附近工厂晚上偷偷排放黑烟，气味刺鼻。", "小区旁排水沟一直有发黑的污水，臭味很重。", "河边有人倾倒建筑垃圾。", "工地夜里施工到凌晨，噪声很大。"];
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The department registers of the city and every county: ids by committee id. */
export function departmentRegister(org: Organisation): { rows: unknown[][]; of: Map<number, number[]> } {
  const rows: unknown[][] = [];
  const of = new Map<number, number[]>();
  for (const c of org.committees) {
    if (c.level === "township") continue;
    of.set(c.id, DEPARTMENTS.map((name, i) => (rows.push([rows.length + 1, c.id, name, i + 1]), rows.length)));
  }
  return { rows, of };
}

type Step = { type: ProblemEventType; from: ProblemStatus | null; to: ProblemStatus; byRaiser: boolean; comment: string };

function statusFor(random: Random, ageDays: number): ProblemStatus {
  if (ageDays < 7) return weighted(random, { pending: 70, rectifying: 30 });
  if (ageDays < 60) return weighted(random, { pending: 10, rectifying: 45, awaiting_verification: 20, closed: 25 });
  return weighted(random, { pending: 3, rectifying: 20, awaiting_verification: 7, closed: 70 });
}

/** The timeline to `status` by the rules of domain/problem.ts, with an occasional failed check and look-back. */
function stepsTo(random: Random, status: ProblemStatus, plan: string): { steps: Step[]; lookback: "scheduled" | null } {
  const steps: Step[] = [{ type: "created", from: null, to: "pending", byRaiser: true, comment: "" }];
  if (status === "pending") return { steps, lookback: null };
  steps.push({ type: "assigned", from: "pending", to: "rectifying", byRaiser: false, comment: plan });
  const report = () => steps.push({ type: "reported", from: "rectifying", to: "awaiting_verification", byRaiser: false, comment: "已按整改方案完成整改，附现场照片和验收材料。" });
  if (status !== "rectifying" && random() < 0.1) {
    report();
    steps.push({ type: "rejected", from: "awaiting_verification", to: "rectifying", byRaiser: true, comment: pick(random, REJECTIONS) });
  }
  if (status === "rectifying") return { steps, lookback: null };
  report();
  if (status === "awaiting_verification") return { steps, lookback: null };
  steps.push({ type: "verified", from: "awaiting_verification", to: "closed", byRaiser: true, comment: "现场验收合格，同意销号。" });
  if (random() >= 0.15) return { steps, lookback: null };
  steps.push({ type: "lookback_scheduled", from: "closed", to: "closed", byRaiser: true, comment: "" });
  const outcome = weighted(random, { scheduled: 2, passed: 3, reopened: 1 });
  if (outcome === "passed") steps.push({ type: "lookback_passed", from: "closed", to: "closed", byRaiser: true, comment: "回头看未发现反弹。" });
  if (outcome === "reopened") steps.push({ type: "reopened", from: "closed", to: "rectifying", byRaiser: true, comment: "回头看发现问题反弹，重新整改。" });
  return { steps, lookback: outcome === "scheduled" ? "scheduled" : null };
}

export async function loadProblems(sql: Sql, timer: LoadTimer, org: Organisation, tasks: TaskWork, activities: ActivityWork, now: Date): Promise<void> {
  const year = Number(chinaDay(now).slice(0, 4));
  const yearStart = chinaTime(year, 1, 1).getTime();
  const nowMs = now.getTime();
  const { rows: departmentRows, of: departmentsOf } = departmentRegister(org);

  const problemRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const tipRows: unknown[][] = [];
  const codes = new Set<string>();
  const tip = (random: Random, area: Committee, status: "received" | "converted" | "dismissed", createdAt: Date, problemId: number | null, triagedBy: number | null) => {
    let code = "";
    do code = Array.from({ length: 10 }, () => pick(random, [...CODE_ALPHABET])).join("");
    while (codes.has(code));
    codes.add(code);
    const id = tipRows.length + 1;
    tipRows.push([
      id, code, pick(random, TIP_TEXT), `${area.shortName}`, area.id, random() < 0.4 ? `市民 139${String(between(random, 0, 99_999_999)).padStart(8, "0")}` : "", status,
      status === "dismissed" ? "经核实属一般环境卫生问题，已转乡镇环卫所处理，不作为监督问题立案。" : "", problemId, triagedBy,
      status === "received" ? null : new Date(createdAt.getTime() + DAY), createHash("sha256").update(`bench-tip-${id}`).digest("hex"), status === "received" ? 1 : 2, createdAt,
    ]);
    return id;
  };

  for (const area of org.committees) {
    if (area.level === "city") continue;
    const random = streamOf(30, area.id);
    const county = area.county!;
    const rate = area.level === "county" ? RATES.problems.county : RATES.problems.township;
    const n = Math.floor(rate) + (random() < rate % 1 ? 1 : 0);
    const raisers: [Committee, number][] = area.level === "county" ? [[area, 60], [area.city, 40]] : [[area, 40], [county, 35], [area.city, 25]];
    const held = [...(activities.heldOf.get(area.id) ?? []), ...(area.level === "township" ? (activities.heldOf.get(county.id) ?? []) : [])];
    const sent = tasks.assignmentsOf.get(area.id) ?? [];
    const departments = [...departmentsOf.get(county.id)!, ...departmentsOf.get(area.city.id)!];
    for (let i = 0; i < n; i++) {
      const id = problemRows.length + 1;
      const createdAt = new Date(yearStart + random() * (nowMs - 2 * 3_600_000 - yearStart));
      const raiser = weightedItem(random, raisers);
      const kind = pick(random, KINDS);
      const ageDays = (nowMs - createdAt.getTime()) / DAY;
      const plan = `督促${DEPARTMENTS[kind.department]}制定整改方案，明确责任人和完成时限，每月报送整改进展。`;
      const drawn = statusFor(random, ageDays);
      const { steps, lookback } = stepsTo(random, drawn, plan);
      const status = steps.at(-1)!.to;

      let source: ProblemSource = weighted(random, { activity: 40, direct: 40, assignment: 12, tip: 8 });
      let sourceId: number | null = null;
      if (source === "activity") {
        const before = held.filter((a) => a.at.getTime() < createdAt.getTime());
        sourceId = before.length ? before[before.length - 1 - Math.floor(random() * Math.min(5, before.length))]!.id : null;
      } else if (source === "assignment") {
        const before = sent.filter((a) => a.at.getTime() < createdAt.getTime());
        sourceId = before.length ? pick(random, before).id : null;
      } else if (source === "tip") {
        sourceId = tip(random, area, "converted", new Date(createdAt.getTime() - DAY), id, raiser.staffUserId);
      }
      if (sourceId === null) source = "direct";

      const end = Math.max(createdAt.getTime() + steps.length * 60_000, Math.min(nowMs - 600_000, createdAt.getTime() + (nowMs - createdAt.getTime()) * (0.5 + 0.5 * random())));
      const times = steps.map((_, j) => new Date(j === 0 ? createdAt.getTime() : createdAt.getTime() + ((end - createdAt.getTime()) * j) / (steps.length - 1)));
      const assignedAt = steps.findIndex((s) => s.type === "assigned");
      const verifiedAt = steps.findLastIndex((s) => s.type === "verified");
      const assigned = assignedAt >= 0;
      const deadline = assigned ? addDays(chinaDay(times[assignedAt]!), between(random, 20, 90)) : random() < 0.4 ? addDays(chinaDay(createdAt), between(random, 30, 60)) : null;
      const lookbackOn = lookback ? addDays(chinaDay(times[verifiedAt]!), 30) : null;
      steps.forEach((s, j) => {
        const comment = s.type === "lookback_scheduled" ? addDays(chinaDay(times[verifiedAt]!), 30) : s.comment;
        eventRows.push([eventRows.length + 1, id, s.type, s.byRaiser ? raiser.staffUserId : area.staffUserId, s.from, s.to, comment, times[j]]);
      });
      const coords = random() < 0.3;
      problemRows.push([
        id, `${area.shortName}${kind.title}`, `监督中发现：${area.shortName}${kind.location}${kind.title}，群众反映强烈，请督促整改。`, kind.category, `${area.shortName}${kind.location}`,
        coords ? 27 + random() * 2.5 : null, coords ? 110 + random() * 4 : null, area.id, raiser.id,
        assigned || random() < 0.5 ? departments[kind.department + (random() < 0.5 ? 0 : DEPARTMENTS.length)]! : null, deadline, status, assigned ? plan : "",
        source, sourceId, status === "closed" ? times[verifiedAt] : null, lookbackOn, steps.length, raiser.staffUserId, createdAt, times.at(-1),
      ]);
    }
    // Tips still waiting to be triaged, and some dismissed.
    if (area.level === "county") {
      for (let i = 0; i < 12; i++) {
        const createdAt = new Date(nowMs - between(random, 1, 200) * DAY);
        tip(random, area, i < 8 ? "received" : "dismissed", createdAt, null, i < 8 ? null : area.staffUserId);
      }
    }
  }

  await timer.table("departments", () => copyRows(sql, "departments", ["id", "committee_id", "name", "sort_order"], departmentRows));
  await timer.table("problems", () =>
    copyRows(
      sql,
      "problems",
      ["id", "title", "description", "category", "location", "latitude", "longitude", "committee_id", "raising_committee_id", "department_id", "deadline", "status", "plan", "source", "source_id", "closed_at", "lookback_on", "version", "created_by", "created_at", "updated_at"],
      problemRows,
    ),
  );
  await timer.table("problem_events", () => copyRows(sql, "problem_events", ["id", "problem_id", "type", "actor_user_id", "from_status", "to_status", "comment", "at"], eventRows));
  await timer.table("tips", () => copyRows(sql, "tips", ["id", "code", "content", "location", "committee_id", "contact", "status", "dismiss_reason", "problem_id", "triaged_by", "triaged_at", "ip_hash", "version", "created_at"], tipRows));
}
