import type { Sql } from "postgres";
import type { Adoption, VisitForm } from "@dm/db";
import type { ActivityWork } from "./activities";
import type { TaskWork } from "./campaigns";
import { copyRows } from "./copy";
import type { LoadTimer } from "./timer";
import type { Organisation } from "./organisation";
import { DEPARTMENTS, departmentRegister } from "./problems";
import { between, pick, streamOf, weighted } from "./random";
import { addDays, chinaDay, chinaTime, daysInMonth } from "./shape";

const pad = (n: number) => String(n).padStart(2, "0");
const PROBLEM_LINES = ["部分入河排污口标识不清，日常巡查记录不全。", "农村生活污水处理设施运行不稳定。", "畜禽养殖废弃物资源化利用率偏低。", "本月未发现新的突出问题，持续跟踪上月问题整改。"];
const PLANS = ["开展入河排污口整治“回头看”。", "组织委员围绕农村人居环境整治召开协商座谈会。", "对上月问题清单逐项跟踪。", "联合乡镇开展屋场会，听取群众意见。"];

/**
 * 月报 of every county and township for each month of the campaign that has ended: most on time,
 * some late, some only drafts, some missing; each counts the activities it held that month.
 */
export async function loadMonthlyReports(sql: Sql, timer: LoadTimer, org: Organisation, tasks: TaskWork, activities: ActivityWork, now: Date): Promise<void> {
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  const current = Number(today.slice(5, 7));
  const rows: unknown[][] = [];
  for (const c of org.committees) {
    if (c.level === "city") continue;
    const random = streamOf(40, c.id);
    const held = activities.heldPerMonth.get(c.id)!;
    for (let month = 1; month < current; month++) {
      const state = weighted(random, { onTime: 80, late: 8, draft: 4, missing: 8 });
      if (state === "missing") continue;
      const [ny, nm] = month === 12 ? [year + 1, 1] : [year, month + 1];
      const startedAt = chinaTime(ny, nm, 1, 9);
      let submittedAt: Date | null = state === "draft" ? null : chinaTime(ny, nm, state === "onTime" ? between(random, 1, 5) : between(random, 6, 15), 16);
      if (submittedAt && submittedAt.getTime() > now.getTime()) submittedAt = null;
      const n = held[month - 1]!;
      rows.push([
        rows.length + 1, tasks.campaignOf.get(c.city.id), c.id, `${year}-${pad(month)}-01`,
        n ? `${month}月，${c.shortName}政协围绕专项民主监督开展活动${n}次，组织委员现场查看、听取汇报，收集意见建议并交有关部门办理。` : `${month}月，${c.shortName}政协以跟踪督办上月问题为主。`,
        n, n ? `本月举办监督活动${n}次。` : "", pick(random, PROBLEM_LINES), pick(random, PLANS), submittedAt ? "submitted" : "draft", submittedAt,
        submittedAt ? c.staffUserId : null, submittedAt ? 2 : 1, c.staffUserId, startedAt, submittedAt ?? startedAt,
      ]);
    }
  }
  await timer.table("monthly_reports", () =>
    copyRows(
      sql,
      "monthly_reports",
      ["id", "campaign_id", "committee_id", "month", "summary", "activities_held", "activity_summary", "problems", "next_plan", "status", "submitted_at", "submitted_by", "version", "created_by", "created_at", "updated_at"],
      rows,
    ),
  );
}

const FORMS: VisitForm[] = ["attend_meeting", "visit", "symposium", "document_review", "unannounced"];
const VISIT_SUMMARIES = ["列席部门党组会议，听取流域水质达标攻坚工作安排。", "走访沿岸入河排污口，核查整治台账与现场是否一致。", "暗访园区夜间排放情况。", "查阅环境行政处罚案卷，抽查处罚决定的执行情况。", "与部门座谈，听取整改情况汇报。"];
const OPINIONS = [
  ["完善入河排污口标识管理", "建议对沿岸入河排污口统一设置标识牌，公开责任单位和监督电话。"],
  ["加强企业废气治理", "建议开展一轮专项检查，推动脱硫脱硝设施升级。"],
  ["重点企业排放纳入在线监控", "建议将重点企业排放口全部接入在线监控，夜间数据异常自动预警。"],
  ["加快雨污分流改造", "建议将老旧小区雨污分流改造纳入年度民生实事。"],
  ["提高行政处罚案卷规范化水平", "建议开展案卷评查并组织执法人员培训。"],
];

/**
 * 派驻监督: the city and every county dispatch three groups and one supervisor to departments of
 * their register, who visit about monthly and raise opinions, most of them answered.
 */
export async function loadSupervision(sql: Sql, timer: LoadTimer, org: Organisation, now: Date): Promise<void> {
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  const current = Number(today.slice(5, 7));
  const groupRows: unknown[][] = [];
  const memberRows: unknown[][] = [];
  const visitRows: unknown[][] = [];
  const opinionRows: unknown[][] = [];
  const departments = departmentRegister(org).of;
  for (const c of org.committees) {
    if (c.level === "township") continue;
    const random = streamOf(50, c.id);
    for (let g = 0; g < 4; g++) {
      const groupId = groupRows.length + 1;
      const individual = g === 3;
      groupRows.push([
        groupId, c.id, departments.get(c.id)![g], individual ? "individual" : "group",
        `${c.shortName}政协派驻${DEPARTMENTS[g]}民主监督${individual ? "员" : "小组"}`, `${year}-01-01`, `${year}-12-31`, c.staffUserId, chinaTime(year, 1, 5, 10), chinaTime(year, 1, 5, 10),
      ]);
      // From the end of the committee's roster, clear of the benchmark's member accounts.
      const roles = individual ? ["supervisor"] : ["leader", "deputy", "member", "member", "liaison"];
      roles.forEach((role, j) => memberRows.push([groupId, c.own.lo + c.own.n - 1 - g * 5 - j, role]));
      for (let month = 1; month <= current; month++) {
        const lastDay = month === current ? Number(today.slice(8, 10)) : daysInMonth(year, month);
        if (random() >= 0.8) continue;
        const date = `${year}-${pad(month)}-${pad(between(random, 1, lastDay))}`;
        const visitId = visitRows.length + 1;
        visitRows.push([visitId, groupId, date, pick(random, FORMS), pick(random, VISIT_SUMMARIES), c.staffUserId, chinaTime(year, month, Number(date.slice(8)), 18)]);
        for (let o = between(random, 0, 3); o > 0; o--) {
          const [title, content] = pick(random, OPINIONS);
          const answered = addDays(date, 30) < today && random() < 0.8;
          const repliedOn = answered ? [addDays(date, between(random, 10, 30)), today].sort()[0]! : null;
          const adoption: Adoption | null = answered ? weighted(random, { adopted: 50, partly_adopted: 30, not_adopted: 20 }) : null;
          opinionRows.push([
            opinionRows.length + 1, groupId, visitId, title, content, date, c.staffUserId, answered ? "已研究并落实，具体情况见回复函。" : "", repliedOn, adoption, answered ? 2 : 1,
            chinaTime(year, month, Number(date.slice(8)), 19), repliedOn ? chinaTime(Number(repliedOn.slice(0, 4)), Number(repliedOn.slice(5, 7)), Number(repliedOn.slice(8)), 10) : chinaTime(year, month, Number(date.slice(8)), 19),
          ]);
        }
      }
    }
  }
  await timer.table("supervision_groups", () => copyRows(sql, "supervision_groups", ["id", "committee_id", "department_id", "kind", "name", "term_start", "term_end", "created_by", "created_at", "updated_at"], groupRows));
  await timer.table("group_members", () => copyRows(sql, "group_members", ["group_id", "member_id", "role"], memberRows));
  await timer.table("visits", () => copyRows(sql, "visits", ["id", "group_id", "date", "form", "summary", "recorded_by", "created_at"], visitRows));
  await timer.table("opinions", () =>
    copyRows(sql, "opinions", ["id", "group_id", "visit_id", "title", "content", "raised_on", "raised_by", "reply", "replied_on", "adoption", "version", "created_at", "updated_at"], opinionRows),
  );
}
