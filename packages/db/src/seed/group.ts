import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Tx } from "../client";
import type { Adoption, GroupKind, GroupRole, VisitForm } from "../enums";
import { appraisalCriteria, appraisalScores, committees, departments, groupMembers, members, opinions, supervisionGroups, users, visits } from "../schema";

/**
 * Demo dispatched supervision: groups and individual supervisors of the city and of 醴陵市, 荷塘区
 * and 茶陵县, sent to departments of their registers, with visits, opinions (replied in every
 * adoption state, some still waiting) and the year-end appraisal's criteria and some scores.
 * The demo member 谭湘松 is deputy leader of 醴陵市's group at its 生态环境局, and has not scored
 * this year yet. Terms and dates are counted from the day of seeding, so the demo groups are in
 * term and a member can record a visit today.
 */

interface PlannedGroup {
  committee: string;
  department: string;
  kind: GroupKind;
  name: string;
  /** Whole years relative to this year: the term runs 1 March (start) to the end of February (end + 1). */
  term: "current" | "previous";
  /** Roster picked from the committee's own members, in order; the demo member goes in by `demo`. */
  roles: GroupRole[];
  demo?: GroupRole;
  visits: { daysAgo: number; form: VisitForm; summary: string }[];
  opinions: { daysAgo: number; title: string; content: string; fromVisit?: number; reply?: { afterDays: number; adoption: Adoption; text: string } }[];
}

const GROUPS: PlannedGroup[] = [
  {
    committee: "醴陵市",
    department: "生态环境局",
    kind: "group",
    name: "醴陵市政协派驻生态环境局民主监督小组",
    term: "current",
    roles: ["leader", "member", "member", "liaison"],
    demo: "deputy",
    visits: [
      { daysAgo: 160, form: "attend_meeting", summary: "列席生态环境局党组会议，听取渌江流域水质达标攻坚工作安排。" },
      { daysAgo: 121, form: "visit", summary: "走访渌江沿岸6个入河排污口，核查整治台账与现场是否一致，其中2个排污口标识牌缺失。" },
      { daysAgo: 75, form: "unannounced", summary: "暗访陶瓷产业园区夜间排放情况，园区污水处理站运行正常，1家企业废气收集设施未开启。" },
      { daysAgo: 30, form: "document_review", summary: "查阅2026年环境行政处罚案卷20卷，抽查处罚决定的执行情况。" },
    ],
    opinions: [
      { daysAgo: 120, fromVisit: 1, title: "完善入河排污口标识管理", content: "建议对渌江沿岸入河排污口统一设置标识牌，公开责任单位和监督电话，接受群众监督。", reply: { afterDays: 20, adoption: "adopted", text: "已完成全部入河排污口标识牌设置，并在政务网站公开排污口名录。" } },
      { daysAgo: 110, title: "加强陶瓷企业窑炉废气治理", content: "建议对陶瓷企业窑炉开展一轮专项检查，推动天然气替代和脱硫脱硝设施升级。", reply: { afterDays: 30, adoption: "partly_adopted", text: "已开展专项检查；天然气替代受管网建设进度限制，分两年推进。" } },
      { daysAgo: 74, fromVisit: 2, title: "园区企业夜间排放纳入在线监控", content: "建议将陶瓷产业园区重点企业废气排放口全部接入在线监控，夜间数据异常自动预警。", reply: { afterDays: 25, adoption: "adopted", text: "已将园区14家重点企业排放口接入在线监控平台，设置异常预警。" } },
      { daysAgo: 60, title: "设立生态环境有奖举报", content: "建议设立生态环境违法行为有奖举报制度，提高群众参与积极性。", reply: { afterDays: 21, adoption: "not_adopted", text: "省级已有统一的有奖举报办法，本级不再另行设立，将加强宣传。" } },
      { daysAgo: 28, fromVisit: 3, title: "提高行政处罚案卷规范化水平", content: "抽查发现部分案卷证据目录不全、送达回证缺失，建议开展案卷评查并组织执法人员培训。" },
    ],
  },
  {
    committee: "醴陵市",
    department: "住房和城乡建设局",
    kind: "individual",
    name: "醴陵市政协派驻住房和城乡建设局民主监督员",
    term: "current",
    roles: ["supervisor"],
    visits: [{ daysAgo: 90, form: "visit", summary: "走访城区污水管网改造工地，了解雨污分流工程进度。" }],
    opinions: [
      { daysAgo: 88, fromVisit: 0, title: "加快老旧小区雨污分流改造", content: "建议将老旧小区雨污分流改造纳入年度民生实事，公布改造清单和时间表。", reply: { afterDays: 40, adoption: "partly_adopted", text: "已纳入明年民生实事项目，今年先完成8个小区。" } },
      { daysAgo: 20, title: "建筑工地扬尘在线监测全覆盖", content: "建议对在建工地全部安装扬尘在线监测设备并与主管部门联网。" },
    ],
  },
  {
    committee: "醴陵市",
    department: "农业农村局",
    kind: "group",
    name: "醴陵市政协派驻农业农村局民主监督小组（上届）",
    term: "previous",
    roles: ["leader", "deputy", "member"],
    visits: [{ daysAgo: 420, form: "symposium", summary: "与农业农村局座谈畜禽养殖污染治理，听取禁养区退养情况汇报。" }],
    opinions: [
      { daysAgo: 418, fromVisit: 0, title: "推进畜禽粪污资源化利用", content: "建议扶持建设区域性粪污集中处理中心，推广种养结合。", reply: { afterDays: 30, adoption: "adopted", text: "已在白兔潭镇建成粪污集中处理中心一座。" } },
    ],
  },
  {
    committee: "市政协",
    department: "生态环境局",
    kind: "group",
    name: "市政协派驻市生态环境局民主监督小组",
    term: "current",
    roles: ["leader", "deputy", "member", "member", "liaison"],
    visits: [
      { daysAgo: 200, form: "attend_meeting", summary: "列席市生态环境局中央生态环境保护督察反馈问题整改推进会。" },
      { daysAgo: 140, form: "visit", summary: "走访清水塘老工业区，查看污染土壤修复和地下水监测情况。" },
      { daysAgo: 45, form: "symposium", summary: "召开座谈会，听取湘江株洲段水质改善情况汇报。" },
    ],
    opinions: [
      { daysAgo: 199, fromVisit: 0, title: "督察反馈问题整改实行清单化管理", content: "建议对中央和省生态环境保护督察反馈问题建立整改清单，逐项明确责任单位、时限和验收标准。", reply: { afterDays: 15, adoption: "adopted", text: "已建立整改清单并每月调度，14个问题已整改销号13个。" } },
      { daysAgo: 139, fromVisit: 1, title: "清水塘地块修复后开展长期监测", content: "建议对清水塘老工业区已修复地块开展不少于五年的土壤和地下水跟踪监测。", reply: { afterDays: 35, adoption: "adopted", text: "已委托第三方开展五年跟踪监测，监测结果定期公开。" } },
      { daysAgo: 100, title: "建立跨县市区水质生态补偿机制", content: "建议在湘江、洣水河、渌江建立跨县市区断面水质生态补偿机制。", reply: { afterDays: 50, adoption: "partly_adopted", text: "湘江干流已试行，洣水河、渌江待省级办法出台后推进。" } },
      { daysAgo: 44, fromVisit: 2, title: "扩大水质自动监测站覆盖", content: "建议在主要支流入湘江口增设水质自动监测站，实现实时监测。" },
    ],
  },
  {
    committee: "市政协",
    department: "自然资源和规划局",
    kind: "individual",
    name: "市政协派驻市自然资源和规划局民主监督员",
    term: "current",
    roles: ["supervisor"],
    visits: [{ daysAgo: 70, form: "document_review", summary: "查阅矿山生态修复项目档案，核对修复面积与验收资料。" }],
    opinions: [
      { daysAgo: 68, fromVisit: 0, title: "公开废弃矿山生态修复进度", content: "建议在政府网站按季度公开废弃矿山生态修复项目的进度和资金使用情况。", reply: { afterDays: 28, adoption: "not_adopted", text: "项目资金信息按规定在决算中公开，不再单独按季度公开。" } },
    ],
  },
  {
    committee: "荷塘区",
    department: "城市管理和综合执法局",
    kind: "group",
    name: "荷塘区政协派驻城市管理和综合执法局民主监督小组",
    term: "current",
    roles: ["leader", "member", "member"],
    visits: [{ daysAgo: 95, form: "visit", summary: "走访月塘街道垃圾中转站，查看垃圾分类清运和渗滤液处理情况。" }],
    opinions: [
      { daysAgo: 94, fromVisit: 0, title: "垃圾中转站渗滤液规范处置", content: "建议对辖区垃圾中转站渗滤液收集处置开展排查，杜绝直排。", reply: { afterDays: 18, adoption: "adopted", text: "已完成全区12座中转站排查整改。" } },
      { daysAgo: 25, title: "夜间施工噪声投诉快速处置", content: "建议建立夜间施工噪声投诉快速响应机制，30分钟内到场处置。" },
    ],
  },
  {
    committee: "茶陵县",
    department: "水利局",
    kind: "group",
    name: "茶陵县政协派驻水利局民主监督小组",
    term: "current",
    roles: ["leader", "deputy", "member"],
    visits: [{ daysAgo: 130, form: "visit", summary: "走访洣水河茶陵段，查看河道采砂整治和岸线修复情况。" }],
    opinions: [
      { daysAgo: 129, fromVisit: 0, title: "洣水河采砂实行全程监管", content: "建议对洣水河合法采砂点实行视频监控和砂石运输电子联单全程监管。", reply: { afterDays: 22, adoption: "partly_adopted", text: "已安装视频监控，电子联单系统正在招标。" } },
    ],
  },
];

const CRITERIA = [
  { name: "履职尽责", maxScore: 30 },
  { name: "整改落实", maxScore: 30 },
  { name: "依法行政", maxScore: 20 },
  { name: "公开透明", maxScore: 20 },
];

/** A calendar day in China, `days` from `base` (YYYY-MM-DD). */
function chinaDay(base: Date, days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(base.getTime() + days * 86_400_000));
}
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
/** 28 or 29. */
const lastOfFebruary = (y: number) => `${y}-02-${new Date(Date.UTC(y, 2, 0)).getUTCDate()}`;

export async function seedGroups(tx: Tx, now = new Date()): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(supervisionGroups);
  if (existing!.n > 0) return false;
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  // Terms start on 1 March; in January and February the current term began the year before.
  const startYear = today >= `${year}-03-01` ? year : year - 1;
  const terms = {
    current: { termStart: `${startYear - 1}-03-01`, termEnd: lastOfFebruary(startYear + 1) },
    previous: { termStart: `${startYear - 3}-03-01`, termEnd: lastOfFebruary(startYear - 1) },
  };

  const committeeRows = await tx.select({ id: committees.id, shortName: committees.shortName }).from(committees);
  const committeeId = (shortName: string) => committeeRows.find((c) => c.shortName === shortName)?.id;
  const [demo] = await tx.select({ userId: users.id, memberId: users.memberId }).from(users).where(eq(users.username, "member"));
  const staffLogin: Record<string, string> = { 市政协: "citystaff", 醴陵市: "liling", 荷塘区: "hetang", 茶陵县: "chaling" };
  const logins = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, Object.values(staffLogin)));
  const used = new Map<number, number>();
  const scoresToWrite: { groupId: number; committeeId: number; memberIds: number[] }[] = [];

  for (const plan of GROUPS) {
    const cid = committeeId(plan.committee);
    const staffId = logins.find((u) => u.username === staffLogin[plan.committee])?.id;
    if (!cid || !staffId) continue;
    const [department] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.committeeId, cid), eq(departments.name, plan.department)));
    if (!department) continue;
    // Members not yet in another demo group of the committee, so each roster is distinct.
    const roster = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.committeeId, cid), eq(members.active, true)))
      .orderBy(asc(members.id));
    const offset = used.get(cid) ?? 0;
    const picked = roster.filter((m) => m.id !== demo?.memberId).slice(offset, offset + plan.roles.length);
    used.set(cid, offset + plan.roles.length);
    const rosterRows = picked.map((m, i) => ({ memberId: m.id, role: plan.roles[i]! }));
    if (plan.demo && demo?.memberId) rosterRows.splice(1, 0, { memberId: demo.memberId, role: plan.demo });

    const term = terms[plan.term];
    // Every record lies within the term and not after today.
    const within = (daysAgo: number, notBefore = term.termStart) => later(earlier(chinaDay(now, -daysAgo), earlier(term.termEnd, today)), notBefore);
    const [group] = await tx
      .insert(supervisionGroups)
      .values({ committeeId: cid, departmentId: department.id, kind: plan.kind, name: plan.name, ...term, createdBy: staffId, createdAt: new Date(`${term.termStart}T09:00:00+08:00`) })
      .returning({ id: supervisionGroups.id });
    await tx.insert(groupMembers).values(rosterRows.map((r) => ({ groupId: group!.id, ...r })));

    // Visits and opinions were recorded by the demo member in his group; the committee's staff entered the others' from their paper records.
    const recorder = plan.demo && demo ? demo.userId : staffId;
    const visitIds: { id: number; date: string }[] = [];
    for (const v of plan.visits) {
      const date = within(v.daysAgo);
      const [row] = await tx.insert(visits).values({ groupId: group!.id, date, form: v.form, summary: v.summary, recordedBy: recorder }).returning({ id: visits.id });
      visitIds.push({ id: row!.id, date });
    }
    for (const o of plan.opinions) {
      const visit = o.fromVisit === undefined ? undefined : visitIds[o.fromVisit];
      const raisedOn = within(o.daysAgo, visit?.date);
      const repliedOn = o.reply ? later(earlier(chinaDay(now, -o.daysAgo + o.reply.afterDays), today), raisedOn) : null;
      await tx.insert(opinions).values({
        groupId: group!.id,
        visitId: visit?.id ?? null,
        title: o.title,
        content: o.content,
        raisedOn,
        raisedBy: recorder,
        reply: o.reply?.text ?? "",
        repliedOn,
        adoption: o.reply?.adoption ?? null,
        version: o.reply ? 2 : 1,
      });
    }
    scoresToWrite.push({ groupId: group!.id, committeeId: cid, memberIds: rosterRows.filter((r) => r.memberId !== demo?.memberId).map((r) => r.memberId) });
  }

  // Criteria for last year and this year, for every committee with a demo group.
  const appraisalYears = [year - 1, year];
  const criteriaIds = new Map<string, { id: number; maxScore: number }[]>();
  for (const cid of new Set(scoresToWrite.map((s) => s.committeeId))) {
    for (const y of appraisalYears) {
      const rows = await tx
        .insert(appraisalCriteria)
        .values(CRITERIA.map((c, i) => ({ committeeId: cid, year: y, name: c.name, maxScore: c.maxScore, sortOrder: i + 1 })))
        .returning({ id: appraisalCriteria.id, maxScore: appraisalCriteria.maxScore });
      criteriaIds.set(`${cid}-${y}`, rows);
    }
  }
  // Scores from most members (not the demo member, who scores in the demo), deterministic, 70–100% of each maximum.
  const groupTerms = new Map((await tx.select({ id: supervisionGroups.id, termStart: supervisionGroups.termStart, termEnd: supervisionGroups.termEnd }).from(supervisionGroups)).map((g) => [g.id, g]));
  let k = 0;
  for (const s of scoresToWrite) {
    const g = groupTerms.get(s.groupId)!;
    for (const y of appraisalYears) {
      if (g.termStart > `${y}-12-31` || g.termEnd < `${y}-01-01`) continue;
      const criteria = criteriaIds.get(`${s.committeeId}-${y}`)!;
      // This year's appraisal is still under way: only some have scored.
      const scorers = y === year ? s.memberIds.slice(0, Math.max(1, s.memberIds.length - 2)) : s.memberIds;
      const rows = scorers.flatMap((memberId) =>
        criteria.map((c) => ({ groupId: s.groupId, criterionId: c.id, memberId, score: Math.round(c.maxScore * (0.7 + ((k++ * 37) % 31) / 100)) })),
      );
      if (rows.length) await tx.insert(appraisalScores).values(rows);
    }
  }
  return true;
}
