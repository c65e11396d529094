import type { Sql } from "postgres";
import { type AssignmentEventType, type AssignmentStatus, DEFAULT_FOCUS_AREAS, DEFAULT_METHODS } from "@dm/db";
import { copyRows } from "./copy";
import type { LoadTimer } from "./timer";
import type { Committee, Organisation } from "./organisation";
import { between, pick, type Random, sample, streamOf, weighted } from "./random";
import { chinaDay, chinaTime, DAY, POOLS, RATES } from "./shape";

/** What later steps link to: tasks a committee may file an activity under, assignments a problem may come from. */
export interface TaskWork {
  /** The main campaign of each city, by the city's id. */
  campaignOf: Map<number, number>;
  /** The first city's second campaign, which holds the progress pool. */
  poolCampaignId: number;
  tasksOf: Map<number, { id: number; at: Date }[]>;
  assignmentsOf: Map<number, { id: number; at: Date }[]>;
  progressPool: number[];
}

const RIVERS = ["湘江", "洣水河", "渌江", "枫溪港", "白石港", "建宁港", "资江", "沅江", "澧水", "耒水", "浏阳河", "舂陵江"];
const TITLES: ((place: string) => string)[] = [
  (p) => `对${p}入河排污口整治情况进行踏察监督`,
  (p) => `${p}沿岸河长制、林长制贯彻实施情况专项视察`,
  (p) => `${p}流域农村生活污水治理情况调研`,
  (p) => `中央环保督察反馈问题整改情况定向监督（${p}流域）`,
  (p) => `${p}流域畜禽养殖污染治理情况调研`,
  (p) => `${p}饮用水水源地保护情况视察`,
  (p) => `${p}沿线城乡生活垃圾收运处置情况监督`,
  (p) => `${p}流域工业园区污水处理设施运行情况监督`,
  (p) => `${p}沿岸矿山生态修复情况踏察`,
  (p) => `${p}流域农业面源污染治理协商座谈`,
];
const PROGRESS = [
  "已组织委员开展实地踏察，正在梳理问题清单。",
  "已召开座谈会，听取有关部门情况介绍。",
  "已走访沿线乡镇，收集群众意见建议。",
  "正在向有关部门调取监测数据。",
  "问题清单已交有关部门，跟踪整改进度。",
  "已形成调研报告初稿，正在征求意见。",
];
const REPORTED = ["调研报告已完成，附问题清单。", "视察报告已经主席会议审议，现上报。", "任务已完成，问题已交有关部门整改。"];
const RETURNED = ["报告缺少监测数据，请补充后重新上报。", "问题清单未明确责任单位，请完善。", "请补充整改跟踪情况。"];

type Step = { type: AssignmentEventType; to: AssignmentStatus; percent: number | null; comment: string; byReviewer: boolean };

/** Where an assignment stands after `ageDays` of `durationDays`: older ones are mostly done. */
function statusFor(random: Random, ageDays: number, durationDays: number): AssignmentStatus {
  if (ageDays < 1) return random() < 0.7 ? "sent" : "accepted";
  const ratio = ageDays / durationDays;
  if (ratio >= 1) return weighted(random, { approved: 75, reported: 10, in_progress: 12, accepted: 2, sent: 1 });
  if (ratio >= 0.5) return weighted(random, { approved: 30, reported: 15, in_progress: 45, accepted: 7, sent: 3 });
  return weighted(random, { in_progress: 55, accepted: 25, sent: 10, reported: 8, approved: 2 });
}

/** The timeline that leads to `status`, by the rules of domain/assignment.ts. */
function stepsTo(random: Random, status: AssignmentStatus, passedDownTo: string | null): Step[] {
  const steps: Step[] = [{ type: "sent", to: "sent", percent: null, comment: "", byReviewer: true }];
  if (status === "sent") return steps;
  steps.push({ type: "accepted", to: "accepted", percent: null, comment: "", byReviewer: false });
  if (passedDownTo) steps.push({ type: "passed_down", to: "accepted", percent: null, comment: passedDownTo, byReviewer: false });
  if (status === "accepted") return steps;
  const progress = (n: number, from: number, to: number) => {
    for (let i = 1; i <= n; i++) steps.push({ type: "progress", to: "in_progress", percent: Math.round(from + ((to - from) * i) / (n + 1)), comment: pick(random, PROGRESS), byReviewer: false });
  };
  const reported = () => steps.push({ type: "reported", to: "reported", percent: 100, comment: pick(random, REPORTED), byReviewer: false });
  const n = between(random, 1, 8);
  const returned = n >= 2 && random() < 0.12;
  const first = returned ? Math.ceil(n / 2) : n;
  progress(first, 0, 100);
  if (returned) {
    reported();
    steps.push({ type: "returned", to: "in_progress", percent: null, comment: pick(random, RETURNED), byReviewer: true });
    progress(n - first, 50, 100);
  }
  if (status === "reported" || status === "approved") reported();
  if (status === "approved") steps.push({ type: "approved", to: "approved", percent: null, comment: "材料齐全，同意办结。", byReviewer: true });
  return steps;
}

interface Sent {
  taskId: number;
  parentId: number | null;
  committee: Committee;
  issuer: Committee;
  sentBy: number;
  reviewer: number;
  sentAt: Date;
  deadline: string;
  steps: Step[];
  /** When the last step may have happened at the latest. */
  end: Date;
}

export async function loadCampaigns(sql: Sql, timer: LoadTimer, org: Organisation, now: Date): Promise<TaskWork> {
  const year = Number(chinaDay(now).slice(0, 4));
  const yearStart = chinaTime(year, 1, 1);
  const lastDay = `${year}-12-31`;
  const campaignRows: unknown[][] = [];
  const leadingRows: unknown[][] = [];
  const linkRows: unknown[][] = [];
  const taskRows: unknown[][] = [];
  const assignmentRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const work: TaskWork = { campaignOf: new Map(), poolCampaignId: 0, tasksOf: new Map(), assignmentsOf: new Map(), progressPool: [] };
  const remember = (map: Map<number, { id: number; at: Date }[]>, committeeId: number, entry: { id: number; at: Date }) => {
    const list = map.get(committeeId);
    if (list) list.push(entry);
    else map.set(committeeId, [entry]);
  };

  const campaign = (city: Committee, title: string, topic: string) => {
    const id = campaignRows.length + 1;
    const { leaders, staff } = org.cityUsers.get(city.id)!;
    campaignRows.push([
      id, city.id, title, year, topic, `${year}-01-01`, lastDay,
      "按照“1+3+1”工作安排，市县两级政协联动、四级委员参与，围绕生态环境领域突出问题开展专项民主监督，做到每月有活动、监督有内容、工作有成效。",
      [...DEFAULT_FOCUS_AREAS], [...DEFAULT_METHODS], 5, staff[0], yearStart, yearStart,
    ]);
    leaders.forEach((userId, i) => leadingRows.push([id, userId, i === 0 ? "leader" : i < 3 ? "deputy" : "member"]));
    leadingRows.push([id, staff[0], "member"]);
    city.children.forEach((county, i) => linkRows.push([id, leaders[i % leaders.length], county.id]));
    return id;
  };

  /** Writes an assignment and its timeline, spread evenly from when it was sent to `end`. */
  const writeAssignment = (a: Sent) => {
    const id = assignmentRows.length + 1;
    const last = Math.max(a.sentAt.getTime() + a.steps.length * 60_000, Math.min(a.end.getTime(), now.getTime() - 600_000));
    const times = a.steps.map((_, i) => new Date(i === 0 ? a.sentAt.getTime() : a.sentAt.getTime() + ((last - a.sentAt.getTime()) * i) / (a.steps.length - 1)));
    let from: AssignmentStatus | null = null;
    let percent = 0;
    a.steps.forEach((step, i) => {
      const actor = i === 0 ? a.sentBy : step.byReviewer ? a.reviewer : a.committee.staffUserId;
      eventRows.push([eventRows.length + 1, id, step.type, actor, from, step.to, step.comment, step.percent, times[i]]);
      from = step.to;
      if (step.percent !== null) percent = step.percent;
    });
    const status = a.steps.at(-1)!.to;
    assignmentRows.push([id, a.taskId, a.parentId, a.committee.id, a.issuer.id, a.sentBy, status, a.deadline, percent, a.steps.length, a.sentAt, times.at(-1), status === "approved" ? times.at(-1) : null]);
    remember(work.assignmentsOf, a.committee.id, { id, at: a.sentAt });
    return { id, status, times };
  };

  const firstTaskDay = yearStart.getTime() + 4 * DAY;
  for (const city of org.cities) {
    const random = streamOf(10, city.id);
    const campaignId = campaign(city, `${year}年“改善生态环境”专项民主监督`, "改善生态环境");
    work.campaignOf.set(city.id, campaignId);
    const { leaders, staff } = org.cityUsers.get(city.id)!;
    const nTasks = RATES.tasksPerCounty * city.children.length;
    for (let t = 0; t < nTasks; t++) {
      const taskId = taskRows.length + 1;
      const sentAt = new Date(Math.min(firstTaskDay + random() * Math.max(DAY, now.getTime() - 2 * DAY - firstTaskDay), now.getTime() - DAY));
      const durationDays = between(random, 30, 90);
      const deadline = [chinaDay(new Date(sentAt.getTime() + durationDays * DAY)), lastDay].sort()[0]!;
      const place = random() < 0.5 ? pick(random, RIVERS) : city.shortName;
      const template = between(random, 0, TITLES.length - 1);
      taskRows.push([
        taskId, campaignId, city.id, TITLES[template]!(place), "组织委员开展实地监督，形成问题清单和意见建议，按时报送市政协。",
        DEFAULT_FOCUS_AREAS[template % DEFAULT_FOCUS_AREAS.length], DEFAULT_METHODS[template % DEFAULT_METHODS.length], deadline,
        pick(random, leaders), staff[0], new Date(sentAt.getTime() - 3_600_000), new Date(sentAt.getTime() - 3_600_000),
      ]);
      remember(work.tasksOf, city.id, { id: taskId, at: sentAt });
      const counties = sample(random, city.children, Math.max(1, Math.round(city.children.length * (0.35 + 0.3 * random()))));
      const deadlineEnd = chinaTime(Number(deadline.slice(0, 4)), Number(deadline.slice(5, 7)), Number(deadline.slice(8, 10)), 23, 59);
      for (const county of counties) {
        const ageDays = (now.getTime() - sentAt.getTime()) / DAY;
        const status = statusFor(random, ageDays, durationDays);
        const townships = status !== "sent" && random() < 0.55 ? sample(random, county.children, between(random, 1, 3)) : [];
        const end = new Date(sentAt.getTime() + Math.min(deadlineEnd.getTime() - sentAt.getTime(), durationDays * DAY) * (0.5 + 0.6 * random()));
        const steps = stepsTo(random, status, townships.length ? townships.map((t) => t.shortName).join("、") : null);
        const parent = writeAssignment({ taskId, parentId: null, committee: county, issuer: city, sentBy: staff[0]!, reviewer: staff[0]!, sentAt, deadline, steps, end });
        remember(work.tasksOf, county.id, { id: taskId, at: sentAt });
        if (!townships.length) continue;
        const passedAt = parent.times[steps.findIndex((s) => s.type === "passed_down")]!;
        for (const township of townships) {
          const age = (now.getTime() - passedAt.getTime()) / DAY;
          const tStatus = statusFor(random, age, Math.max(1, (deadlineEnd.getTime() - passedAt.getTime()) / DAY));
          const tEnd = new Date(passedAt.getTime() + Math.max(DAY, deadlineEnd.getTime() - passedAt.getTime()) * (0.4 + 0.6 * random()));
          writeAssignment({ taskId, parentId: parent.id, committee: township, issuer: county, sentBy: county.staffUserId, reviewer: county.staffUserId, sentAt: passedAt, deadline, steps: stepsTo(random, tStatus, null), end: tEnd });
          remember(work.tasksOf, township.id, { id: taskId, at: passedAt });
        }
      }
    }
  }

  // The progress pool: a second campaign of the first city, each task sent to the first county
  // only and accepted or under way there, so every progress report of the benchmark has its own row.
  const city = org.cities[0]!;
  const county = org.firstCounty;
  const { leaders, staff } = org.cityUsers.get(city.id)!;
  work.poolCampaignId = campaign(city, `${year}年“河湖长制落实”专项民主监督`, "河湖长制落实");
  const random = streamOf(11, city.id);
  const poolDeadline = [chinaDay(new Date(now.getTime() + 45 * DAY)), lastDay].sort()[0]!;
  for (let i = 0; i < POOLS.progressAssignments; i++) {
    const taskId = taskRows.length + 1;
    const sentAt = new Date(now.getTime() - between(random, 2, 60) * DAY);
    const river = RIVERS[i % RIVERS.length]!;
    taskRows.push([
      taskId, work.poolCampaignId, city.id, `${river}第${Math.floor(i / RIVERS.length) + 1}河段河长制落实情况监督`, "对照河长制工作要求，逐段核查巡河记录、问题整改和公示牌信息。",
      DEFAULT_FOCUS_AREAS[1], DEFAULT_METHODS[2], poolDeadline, leaders[0], staff[0], sentAt, sentAt,
    ]);
    const steps = stepsTo(random, "accepted", null);
    if (i % 2 === 1) steps.push({ type: "progress", to: "in_progress", percent: between(random, 10, 40), comment: pick(random, PROGRESS), byReviewer: false });
    work.progressPool.push(writeAssignment({ taskId, parentId: null, committee: county, issuer: city, sentBy: staff[0]!, reviewer: staff[0]!, sentAt, deadline: poolDeadline, steps, end: new Date(now.getTime() - DAY) }).id);
  }

  await timer.table("campaigns", () => copyRows(sql, "campaigns", ["id", "committee_id", "title", "year", "topic", "start_date", "end_date", "description", "focus_areas", "methods", "report_due_day", "created_by", "created_at", "updated_at"], campaignRows));
  await timer.table("campaign_leading_group", () => copyRows(sql, "campaign_leading_group", ["campaign_id", "user_id", "role"], leadingRows));
  await timer.table("campaign_county_links", () => copyRows(sql, "campaign_county_links", ["campaign_id", "leader_user_id", "committee_id"], linkRows));
  await timer.table("tasks", () => copyRows(sql, "tasks", ["id", "campaign_id", "committee_id", "title", "description", "focus_area", "method", "deadline", "responsible_leader_id", "created_by", "created_at", "updated_at"], taskRows));
  await timer.table("assignments", () => copyRows(sql, "assignments", ["id", "task_id", "parent_id", "committee_id", "issuer_committee_id", "sent_by", "status", "deadline", "percent", "version", "sent_at", "updated_at", "approved_at"], assignmentRows));
  await timer.table("assignment_events", () => copyRows(sql, "assignment_events", ["id", "assignment_id", "type", "actor_user_id", "from_status", "to_status", "comment", "percent", "at"], eventRows));
  return work;
}
