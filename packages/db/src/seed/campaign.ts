import { and, count, eq, inArray } from "drizzle-orm";
import type { Tx } from "../client";
import { type AssignmentEventType, type AssignmentStatus, DEFAULT_FOCUS_AREAS, DEFAULT_METHODS } from "../enums";
import { assignmentEvents, assignments, campaignCountyLinks, campaignLeadingGroup, campaigns, committees, tasks, users } from "../schema";

/**
 * The demo campaigns: the 2023 "改善生态环境" campaign from the source reports (finished, as
 * it was) and its 2026 continuation in full swing, with tasks in every state of the life cycle.
 */

interface Step {
  type: AssignmentEventType;
  /** Days after the task was sent. */
  day: number;
  percent?: number;
  comment?: string;
}

interface DemoAssignment {
  county: string;
  steps: Step[];
  /** Townships it was passed down to, each with its own steps. */
  townships?: { name: string; steps: Step[] }[];
}

interface DemoTask {
  title: string;
  description: string;
  focusArea: number;
  method: number;
  sent: string;
  deadline: string;
  assignments: DemoAssignment[];
}

const ACCEPT: Step = { type: "accepted", day: 1 };
const progress = (day: number, percent: number, comment: string): Step => ({ type: "progress", day, percent, comment });
const report = (day: number, comment: string): Step => ({ type: "reported", day, percent: 100, comment });
const approve = (day: number, comment = "材料齐全，同意办结。"): Step => ({ type: "approved", day, comment });
const giveBack = (day: number, comment: string): Step => ({ type: "returned", day, comment });
const FINISHED = (text: string): Step[] => [ACCEPT, progress(10, 50, "已组织委员开展实地踏察，正在梳理问题清单。"), report(25, text), approve(30)];

const TASKS_2023: DemoTask[] = [
  {
    title: "对洣水河排污治理情况进行踏察监督",
    description: "组织委员沿洣水河开展踏察，重点查看沿河排污口整治、生活污水收集处理设施运行情况，形成问题清单报市政协。",
    focusArea: 3, method: 2, sent: "2023-04-14", deadline: "2023-06-30",
    assignments: [
      { county: "茶陵县", steps: FINISHED("踏察洣水河茶陵段 42 公里，发现排污口 6 处，已交县生态环境局整改。") },
      { county: "炎陵县", steps: FINISHED("完成洣水河炎陵段踏察，提出意见建议 5 条。") },
      { county: "攸县", steps: FINISHED("洣水河攸县段沿岸污水管网建设滞后问题已形成专报。") },
    ],
  },
  {
    title: "对河长制、田长制、林长制贯彻实施情况进行专项视察",
    description: "对照省市部署，视察“三长制”责任落实、巡查履职和问题整改情况。",
    focusArea: 2, method: 0, sent: "2023-05-11", deadline: "2023-09-30",
    assignments: [
      { county: "渌口区", steps: FINISHED("视察 4 个镇“三长制”落实情况，巡河记录完整率 96%。") },
      { county: "醴陵市", steps: FINISHED("召开协商座谈会 2 次，推动建立林长制考核细则。") },
      { county: "荷塘区", steps: FINISHED("专项视察报告已经区政协主席会议审议。") },
    ],
  },
];

const TASKS_2026: DemoTask[] = [
  {
    title: "湘江株洲段沿岸环境整治情况调研",
    description: "围绕湘江干流株洲段岸线保护、入河排污口整治开展调研，每县市区形成一份调研报告。",
    focusArea: 1, method: 0, sent: "2026-10-20", deadline: "2026-12-20",
    assignments: [
      { county: "醴陵市", steps: [ACCEPT, progress(8, 40, "已走访沿江 3 个镇，召开座谈会 1 次。"), report(20, "调研报告已完成，附问题清单 12 条。")] },
      { county: "荷塘区", steps: [ACCEPT, progress(9, 60, "完成月塘、宋家桥街道沿岸踏察。")] },
      { county: "芦淞区", steps: [ACCEPT] },
      { county: "石峰区", steps: [] },
      { county: "天元区", steps: [ACCEPT, progress(5, 30, "已制定调研方案。"), report(15, "调研报告已完成。"), approve(18)] },
    ],
  },
  {
    title: "清水塘老工业区污染土壤修复情况视察",
    description: "视察清水塘老工业区搬迁改造后污染土壤修复进度、监测数据公开和再开发利用情况。",
    focusArea: 3, method: 2, sent: "2026-10-08", deadline: "2026-11-15",
    assignments: [
      {
        county: "石峰区",
        steps: [ACCEPT, progress(6, 50, "已组织委员视察清水塘片区 3 个修复地块。"), report(20, "视察报告已完成。"), giveBack(23, "报告缺少修复地块监测数据，请补充后重新上报。"), progress(26, 80, "正在向区生态环境局调取监测数据。")],
      },
    ],
  },
  {
    title: "渌江流域农业面源污染治理调研",
    description: "调研渌江流域化肥农药减量、畜禽养殖粪污资源化利用情况，提出意见建议。",
    focusArea: 4, method: 3, sent: "2026-10-25", deadline: "2026-12-31",
    assignments: [
      {
        county: "醴陵市",
        steps: [ACCEPT, progress(3, 20, "已将任务转交左权镇、浦口镇、白兔潭镇开展摸底。")],
        townships: [
          { name: "左权镇", steps: [] },
          { name: "浦口镇", steps: [ACCEPT, progress(6, 50, "走访养殖场 8 家。"), report(12, "摸底报告已完成，发现粪污直排问题 2 处。")] },
          { name: "白兔潭镇", steps: [ACCEPT, report(10, "已完成摸底调查。"), approve(12, "同意办结。")] },
        ],
      },
      { county: "攸县", steps: [ACCEPT, progress(7, 45, "召开屋场会 2 场，收集群众意见 23 条。")] },
    ],
  },
  {
    title: "中央环保督察反馈问题整改情况定向监督",
    description: "对中央生态环境保护督察反馈问题整改情况开展定向监督，逐项核实整改成效。",
    focusArea: 3, method: 2, sent: "2026-11-02", deadline: "2026-12-25",
    assignments: [
      { county: "茶陵县", steps: [] },
      { county: "炎陵县", steps: [ACCEPT] },
      { county: "渌口区", steps: [ACCEPT, progress(6, 35, "已核实整改问题 5 项。")] },
    ],
  },
];

const STATUS_AFTER: Record<AssignmentEventType, AssignmentStatus> = {
  sent: "sent",
  accepted: "accepted",
  passed_down: "accepted", // never used: passing down leaves the status as it is
  progress: "in_progress",
  reported: "reported",
  returned: "in_progress",
  approved: "approved",
};

const at = (date: string, day: number, hour = 10) => new Date(Date.parse(`${date}T${String(hour).padStart(2, "0")}:00:00+08:00`) + day * 86_400_000);

/** Inserts one assignment and replays its steps as timeline events; returns its id. */
async function playAssignment(
  tx: Tx,
  input: { taskId: number; parentId?: number; committeeId: number; issuerCommitteeId: number; sentBy: number; actor: number; reviewer: number; sent: string; deadline: string; steps: Step[] },
) {
  const after = (from: AssignmentStatus, step: Step) => (step.type === "passed_down" ? from : STATUS_AFTER[step.type]);
  let status: AssignmentStatus = "sent";
  let percent = 0;
  for (const step of input.steps) {
    status = after(status, step);
    if (step.percent !== undefined) percent = step.percent;
  }
  const last = input.steps.at(-1);
  const [row] = await tx
    .insert(assignments)
    .values({
      taskId: input.taskId,
      parentId: input.parentId,
      committeeId: input.committeeId,
      issuerCommitteeId: input.issuerCommitteeId,
      sentBy: input.sentBy,
      status,
      deadline: input.deadline,
      percent,
      version: input.steps.length + 1,
      sentAt: at(input.sent, 0),
      updatedAt: at(input.sent, last?.day ?? 0),
      approvedAt: status === "approved" ? at(input.sent, last!.day) : null,
    })
    .returning({ id: assignments.id });
  let from: AssignmentStatus = "sent";
  const events = [{ assignmentId: row!.id, type: "sent" as const, actorUserId: input.sentBy, fromStatus: null, toStatus: "sent" as const, comment: "", percent: null, at: at(input.sent, 0) }];
  for (const step of input.steps) {
    const to = after(from, step);
    const byReviewer = step.type === "approved" || step.type === "returned";
    events.push({ assignmentId: row!.id, type: step.type as never, actorUserId: byReviewer ? input.reviewer : input.actor, fromStatus: from as never, toStatus: to as never, comment: step.comment ?? "", percent: (step.percent ?? null) as never, at: at(input.sent, step.day, 15) });
    from = to;
  }
  await tx.insert(assignmentEvents).values(events);
  return row!.id;
}

export async function seedCampaigns(tx: Tx, ids: { cityId: number; userIdByName: Map<string, number> }): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(campaigns);
  if (existing!.n > 0) return false;
  const user = (name: string) => ids.userIdByName.get(name)!;
  const committeeRows = await tx.select({ id: committees.id, shortName: committees.shortName, parentId: committees.parentId }).from(committees);
  const committeeId = (shortName: string) => committeeRows.find((c) => c.shortName === shortName)!.id;
  /** The account that works a committee's assignments (every demo county and township in a task has one). */
  const staffOf = async (id: number) =>
    (await tx.select({ id: users.id }).from(users).where(and(eq(users.committeeId, id), inArray(users.role, ["county_staff", "township_liaison"]))).limit(1))[0]!.id;

  const leaderLinks: [string, string[]][] = [
    ["leader", ["醴陵市", "攸县"]],
    ["lijianhua", ["荷塘区", "芦淞区", "石峰区"]],
    ["wanglifang", ["天元区", "渌口区"]],
    ["tangguoqiang", ["茶陵县", "炎陵县"]],
  ];

  for (const [year, list, start, end] of [
    [2023, TASKS_2023, "2023-03-01", "2023-12-31"],
    [2026, TASKS_2026, "2026-03-01", "2026-12-31"],
  ] as const) {
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        committeeId: ids.cityId,
        title: `${year}年“改善生态环境”专项民主监督`,
        year,
        topic: "改善生态环境",
        startDate: start,
        endDate: end,
        description:
          "按照“1+3+1”工作安排（1个实施方案、3个附件、1个办法），市县两级政协联动、四级委员参与，围绕生态环境领域突出问题开展专项民主监督，做到每月有活动、监督有内容、工作有成效。",
        focusAreas: [...DEFAULT_FOCUS_AREAS],
        methods: [...DEFAULT_METHODS],
        createdBy: user("citystaff"),
        createdAt: at(start, 0),
        updatedAt: at(start, 0),
      })
      .returning({ id: campaigns.id });
    await tx.insert(campaignLeadingGroup).values([
      { campaignId: campaign!.id, userId: user("leader"), role: "leader" },
      { campaignId: campaign!.id, userId: user("lijianhua"), role: "deputy" },
      { campaignId: campaign!.id, userId: user("wanglifang"), role: "deputy" },
      { campaignId: campaign!.id, userId: user("tangguoqiang"), role: "member" },
      { campaignId: campaign!.id, userId: user("citystaff"), role: "member" },
    ]);
    await tx.insert(campaignCountyLinks).values(leaderLinks.flatMap(([leader, counties]) => counties.map((c) => ({ campaignId: campaign!.id, leaderUserId: user(leader), committeeId: committeeId(c) }))));

    for (const [i, t] of list.entries()) {
      const leader = leaderLinks[i % leaderLinks.length]![0];
      const [task] = await tx
        .insert(tasks)
        .values({
          campaignId: campaign!.id,
          committeeId: ids.cityId,
          title: t.title,
          description: t.description,
          focusArea: DEFAULT_FOCUS_AREAS[t.focusArea]!,
          method: DEFAULT_METHODS[t.method]!,
          deadline: t.deadline,
          responsibleLeaderId: user(leader),
          createdBy: user("citystaff"),
          createdAt: at(t.sent, 0, 9),
          updatedAt: at(t.sent, 0, 9),
        })
        .returning({ id: tasks.id });
      for (const a of t.assignments) {
        const countyId = committeeId(a.county);
        const countyActor = await staffOf(countyId);
        const steps = a.townships ? [...a.steps.slice(0, 1), { type: "passed_down" as const, day: 2, comment: a.townships.map((tw) => tw.name).join("、") }, ...a.steps.slice(1)] : a.steps;
        const parentId = await playAssignment(tx, { taskId: task!.id, committeeId: countyId, issuerCommitteeId: ids.cityId, sentBy: user("citystaff"), actor: countyActor, reviewer: user("citystaff"), sent: t.sent, deadline: t.deadline, steps });
        for (const tw of a.townships ?? []) {
          const townshipId = committeeId(tw.name);
          await playAssignment(tx, { taskId: task!.id, parentId, committeeId: townshipId, issuerCommitteeId: countyId, sentBy: countyActor, actor: await staffOf(townshipId), reviewer: countyActor, sent: t.sent, deadline: t.deadline, steps: tw.steps });
        }
      }
    }
  }
  return true;
}
