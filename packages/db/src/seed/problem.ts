import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type { Tx } from "../client";
import type { ProblemCategory, ProblemEventType, ProblemSource, ProblemStatus } from "../enums";
import { activities, assignments, committees, departments, problemEvents, problems, tasks, tips, users } from "../schema";

/**
 * The demo problem ledger: the 14 problems of the 2023 inspectorate feedback ("反馈的14个问题已
 * 完成整改并销号13个": 13 closed, one still being rectified), and the 2026 campaign's problems
 * in every state across the counties and categories, from activities, task reports, tips and
 * direct entry, some overdue, some looked back on; and public tips received, converted and
 * dismissed. Dates of the 2026 ones are counted from today, so "overdue" stays true.
 */

interface DemoProblem {
  title: string;
  description: string;
  category: ProblemCategory;
  /** shortName of the area's committee (a county or a township). */
  area: string;
  location: string;
  coords?: [number, number];
  /** "city", or the shortName of the raising county. */
  raisedBy: string;
  department: string | null;
  status: ProblemStatus;
  source: ProblemSource;
  /** Days from today (negative: past) for 2026 problems, or a fixed date. */
  created: number | string;
  deadline: number | string | null;
  plan?: string;
  /** Extra steps beyond the straight path to the status. */
  rejectedOnce?: string;
  lookback?: "scheduled" | "passed" | "reopened";
}

const FEEDBACK = "2023年中央生态环境保护督察反馈问题";
const INSPECTORATE: DemoProblem[] = [
  ["清水塘老工业区遗留污染地块土壤修复进度滞后", "soil", "清水塘街道", "清水塘老工业区", "石峰区", "自然资源和规划局"],
  ["湘江株洲段部分入河排污口未完成规范化整治", "water", "石峰区", "湘江株洲段", "city", "生态环境局"],
  ["洣水河茶陵段沿岸生活污水直排", "water", "洣江街道", "洣水河茶陵段", "茶陵县", "住房和城乡建设局"],
  ["渌江醴陵段陶瓷企业废水处理设施运行不正常", "water", "醴陵市", "渌江醴陵段", "醴陵市", "生态环境局"],
  ["白石港黑臭水体返黑返臭", "water", "荷塘区", "白石港", "荷塘区", "住房和城乡建设局"],
  ["建宁港截污管网存在断头管", "water", "建宁街道", "建宁港", "芦淞区", "住房和城乡建设局"],
  ["枫溪港沿线建筑垃圾违规堆放", "solid_waste", "天元区", "枫溪港沿线", "天元区", "城市管理和综合执法局"],
  ["醴陵市部分日用陶瓷企业窑炉废气超标排放", "air", "来龙门街道", "陶瓷产业园", "醴陵市", "生态环境局"],
  ["攸县部分关闭煤矿矿山生态修复不到位", "ecology", "皇图岭镇", "关闭煤矿区", "攸县", "自然资源和规划局"],
  ["炎陵县部分小水电站未落实生态流量", "ecology", "沔渡镇", "沔水流域", "炎陵县", "水利局"],
  ["芦淞区服装洗水企业废水偷排", "water", "芦淞区", "服装产业园", "芦淞区", "生态环境局"],
  ["渌口区规模畜禽养殖场粪污处理设施不完善", "water", "南洲镇", "南洲镇养殖场", "渌口区", "农业农村局"],
  ["天元区餐饮服务单位油烟扰民", "air", "嵩山街道", "嵩山路沿线", "天元区", "城市管理和综合执法局"],
  ["茶陵县生活垃圾填埋场渗滤液处理能力不足", "solid_waste", "茶陵县", "县生活垃圾填埋场", "茶陵县", "城市管理和综合执法局"],
].map(([title, category, area, location, county, department], i) => ({
  title: title!,
  description: `${FEEDBACK}第${i + 1}项：${title}。请所在地政协跟踪督促整改，整改完成后由市政协组织验收销号。`,
  category: category as ProblemCategory,
  area: area!,
  location: location!,
  raisedBy: "city",
  department: department!,
  // The last one (a landfill's leachate plant needs a new line) is still being rectified.
  status: i === 13 ? "rectifying" : "closed",
  source: "direct",
  created: "2023-06-20",
  deadline: i === 13 ? "2024-06-30" : "2023-12-31",
  plan: `对照督察反馈意见制定整改方案，明确责任单位和完成时限，由${county === "city" ? "市" : county}政协跟踪督办。`,
  lookback: i === 0 || i === 4 ? "passed" : undefined,
}));

const CURRENT: DemoProblem[] = [
  { title: "左权镇砖厂周边扬尘污染", description: "视察发现砖厂原料露天堆放、未覆盖，运输车辆带泥上路。", category: "air", area: "左权镇", location: "左权镇新华村砖厂", coords: [27.62, 113.53], raisedBy: "醴陵市", department: "生态环境局", status: "pending", source: "activity", created: -6, deadline: 40 },
  { title: "浦口镇渌江支流河道漂浮垃圾", description: "踏察中发现支流河道漂浮垃圾较多，保洁不到位。", category: "solid_waste", area: "浦口镇", location: "浦口镇渌江支流", raisedBy: "醴陵市", department: "水利局", status: "rectifying", source: "activity", created: -50, deadline: -5, plan: "落实河道保洁责任，每周巡查两次。" },
  { title: "月塘街道夜间施工噪声扰民", description: "群众反映工地夜间施工至凌晨，噪声扰民。", category: "noise", area: "月塘街道", location: "月塘街道某建筑工地", raisedBy: "荷塘区", department: "住房和城乡建设局", status: "awaiting_verification", source: "tip", created: -30, deadline: 10, plan: "责令工地停止夜间施工，确需夜间施工的办理许可并公示。" },
  { title: "湘江天元段岸线违规种菜", description: "视察发现湘江岸线有居民开荒种菜，施用农药化肥。", category: "ecology", area: "天元区", location: "湘江天元段", raisedBy: "city", department: "水利局", status: "rectifying", source: "activity", created: -70, deadline: -20, plan: "清理岸线菜地，设置警示牌。" },
  { title: "攸县网岭镇畜禽养殖废水直排", description: "任务办理中发现养殖场废水未经处理排入沟渠。", category: "water", area: "网岭镇", location: "网岭镇罗家坪村", raisedBy: "city", department: "农业农村局", status: "closed", source: "assignment", created: -120, deadline: -60, plan: "养殖场限期建设沼气池和氧化塘。", rejectedOnce: "氧化塘容积不足，需扩建后再报验收", lookback: "scheduled" },
  { title: "茶陵县严塘镇非法采砂", description: "派驻监督小组走访发现河段夜间非法采砂。", category: "ecology", area: "严塘镇", location: "洣水河严塘段", raisedBy: "茶陵县", department: "自然资源和规划局", status: "closed", source: "direct", created: -150, deadline: -90, plan: "联合执法取缔非法采砂点。", lookback: "reopened" },
  { title: "炎陵县霞阳镇垃圾中转站异味", description: "居民反映垃圾中转站夏季异味明显。", category: "air", area: "霞阳镇", location: "霞阳镇垃圾中转站", raisedBy: "炎陵县", department: "城市管理和综合执法局", status: "pending", source: "direct", created: -3, deadline: null },
  { title: "渌口区朱亭镇农村黑臭水塘", description: "调研发现村内水塘黑臭，周边生活污水汇入。", category: "water", area: "朱亭镇", location: "朱亭镇龙凤村", raisedBy: "city", department: "住房和城乡建设局", status: "rectifying", source: "assignment", created: -40, deadline: 25, plan: "铺设污水管网，清淤并生态修复水塘。" },
  { title: "石峰区田心街道汽修店废机油乱倒", description: "巡查发现汽修店将废机油倒入雨水井。", category: "solid_waste", area: "田心街道", location: "田心街道某汽修店", raisedBy: "石峰区", department: "生态环境局", status: "awaiting_verification", source: "direct", created: -25, deadline: -2, plan: "责令整改并纳入危废规范化管理。" },
  { title: "芦淞区贺家土街道露天烧烤油烟", description: "夜市露天烧烤油烟扰民。", category: "air", area: "贺家土街道", location: "贺家土夜市", raisedBy: "芦淞区", department: "城市管理和综合执法局", status: "closed", source: "tip", created: -90, deadline: -30, plan: "引导商户入室经营并安装油烟净化器。" },
  { title: "荷塘区仙庾镇山体开挖未复绿", description: "视察发现项目山体开挖后裸露，未按要求复绿。", category: "ecology", area: "仙庾镇", location: "仙庾镇仙庾岭", raisedBy: "荷塘区", department: "自然资源和规划局", status: "rectifying", source: "activity", created: -80, deadline: -15, plan: "督促建设单位完成边坡复绿。", rejectedOnce: "复绿面积不足，部分边坡仍裸露" },
  { title: "醴陵市来龙门街道餐厨垃圾收运不及时", description: "群众反映餐厨垃圾桶满溢。", category: "solid_waste", area: "来龙门街道", location: "来龙门街道步行街", raisedBy: "醴陵市", department: "城市管理和综合执法局", status: "closed", source: "direct", created: -60, deadline: -20, plan: "增加收运频次至每日两次。" },
  { title: "天元区群丰镇农田秸秆焚烧", description: "秋收后发现农田秸秆焚烧。", category: "air", area: "群丰镇", location: "群丰镇农田", raisedBy: "天元区", department: "农业农村局", status: "pending", source: "direct", created: -1, deadline: 30 },
  { title: "庆云街道重点排污单位未依法公开环境信息", description: "监督走访发现辖区两家重点排污单位未按规定公开排污信息。", category: "other", area: "庆云街道", location: "庆云街道", raisedBy: "芦淞区", department: "生态环境局", status: "rectifying", source: "direct", created: -20, deadline: 15, plan: "督促企业在公示平台公开排污信息。" },
  { title: "攸县酒埠江镇景区生活污水处理设施闲置", description: "调研发现景区污水处理设施建成后未运行。", category: "water", area: "酒埠江镇", location: "酒埠江景区", raisedBy: "攸县", department: "住房和城乡建设局", status: "rectifying", source: "direct", created: -35, deadline: 20, plan: "明确运维单位，恢复设施运行。" },
];

/** A calendar day in China `offset` days from today, or a fixed day. */
function dayOf(value: number | string, now: Date): string {
  if (typeof value === "string") return value;
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(now.getTime() + value * 86_400_000));
}
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
function code(): string {
  return [...randomBytes(10)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

export async function seedProblems(tx: Tx, now = new Date()): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(problems);
  if (existing!.n > 0) return false;
  const committeeRows = await tx.select({ id: committees.id, shortName: committees.shortName, parentId: committees.parentId, level: committees.level }).from(committees);
  if (committeeRows.length === 0) return false;
  const committee = (shortName: string) => committeeRows.find((c) => c.shortName === shortName)!;
  const city = committeeRows.find((c) => c.level === "city")!;
  const countyOf = (c: (typeof committeeRows)[number]) => (c.level === "township" ? committeeRows.find((p) => p.id === c.parentId)! : c);
  const staffRows = await tx.select({ id: users.id, committeeId: users.committeeId, role: users.role }).from(users).orderBy(asc(users.id));
  const staffOf = (committeeId: number) => staffRows.find((u) => u.committeeId === committeeId && u.role !== "member" && u.role !== "city_leader")?.id;
  const cityStaff = staffRows.find((u) => u.committeeId === city.id && u.role === "city_staff")!.id;
  const departmentRows = await tx.select({ id: departments.id, committeeId: departments.committeeId, name: departments.name }).from(departments);
  const departmentOf = (name: string, county: number) => departmentRows.find((d) => d.committeeId === county && d.name === name)?.id ?? departmentRows.find((d) => d.committeeId === city.id && d.name === name)?.id ?? null;
  // Sources of the current problems: an activity of the area's county, an assignment of it.
  const activityOf = async (county: number) => (await tx.select({ id: activities.id }).from(activities).where(eq(activities.committeeId, county)).orderBy(asc(activities.id)).limit(1))[0]?.id ?? null;
  const assignmentOf = async (county: number) =>
    (await tx.select({ id: assignments.id }).from(assignments).innerJoin(tasks, eq(tasks.id, assignments.taskId)).where(and(eq(assignments.committeeId, county))).orderBy(asc(assignments.id)).limit(1))[0]?.id ?? null;

  const tipRows: { problemTitle: string; content: string; location: string; area: string; contact: string }[] = [
    { problemTitle: "月塘街道夜间施工噪声扰民", content: "月塘街道某工地天天夜里施工到凌晨一两点，打桩声音很大，老人小孩都睡不着。", location: "月塘街道 塘头路工地", area: "月塘街道", contact: "" },
    { problemTitle: "芦淞区贺家土街道露天烧烤油烟", content: "贺家土夜市烧烤摊油烟直接飘进居民楼，晚上不敢开窗。", location: "贺家土街道 夜市", area: "贺家土街道", contact: "王先生 13900001234" },
  ];

  for (const [index, demo] of [...INSPECTORATE, ...CURRENT].entries()) {
    const area = committee(demo.area);
    const county = countyOf(area);
    const raising = demo.raisedBy === "city" ? city : committee(demo.raisedBy);
    const raiser = raising.id === city.id ? cityStaff : staffOf(raising.id)!;
    const worker = staffOf(area.id) ?? staffOf(county.id)!;
    const created = dayOf(demo.created, now);
    let sourceId: number | null = null;
    if (demo.source === "activity") sourceId = await activityOf(county.id);
    if (demo.source === "assignment") sourceId = await assignmentOf(county.id);
    const source: ProblemSource = (demo.source === "activity" || demo.source === "assignment") && sourceId === null ? "direct" : demo.source;

    // The timeline, step by step, a few days apart.
    type Step = { type: ProblemEventType; from: ProblemStatus | null; to: ProblemStatus; by: number; comment: string; day: string };
    const steps: Step[] = [{ type: "created", from: null, to: "pending", by: raiser, comment: demo.source === "direct" && index < INSPECTORATE.length ? FEEDBACK : "", day: created }];
    let day = created;
    const next = (n: number) => (day = plusDays(day, n));
    if (demo.status !== "pending") {
      steps.push({ type: "assigned", from: "pending", to: "rectifying", by: worker, comment: demo.plan ?? "", day: next(3) });
      const reported = () => steps.push({ type: "reported", from: "rectifying", to: "awaiting_verification", by: worker, comment: "已按整改方案完成整改，附现场照片和验收材料。", day: next(20) });
      if (demo.rejectedOnce) {
        reported();
        steps.push({ type: "rejected", from: "awaiting_verification", to: "rectifying", by: raiser, comment: demo.rejectedOnce, day: next(4) });
      }
      if (demo.status === "awaiting_verification" || demo.status === "closed") reported();
      if (demo.status === "closed") {
        steps.push({ type: "verified", from: "awaiting_verification", to: "closed", by: raiser, comment: "现场验收合格，同意销号。", day: next(5) });
        if (demo.lookback) steps.push({ type: "lookback_scheduled", from: "closed", to: "closed", by: raiser, comment: plusDays(day, 30), day: next(2) });
        if (demo.lookback === "passed") steps.push({ type: "lookback_passed", from: "closed", to: "closed", by: raiser, comment: "回头看未发现反弹。", day: next(30) });
        if (demo.lookback === "reopened") steps.push({ type: "reopened", from: "closed", to: "rectifying", by: raiser, comment: "回头看发现夜间仍有采砂船作业，重新整改。", day: next(30) });
      }
    }
    const last = steps.at(-1)!;
    const status = last.to;
    const verified = [...steps].reverse().find((s) => s.type === "verified");
    const lookbackOn = demo.lookback === "scheduled" ? steps.at(-1)!.comment : null;
    const [row] = await tx
      .insert(problems)
      .values({
        title: demo.title,
        description: demo.description,
        category: demo.category,
        location: demo.location,
        latitude: demo.coords?.[0] ?? null,
        longitude: demo.coords?.[1] ?? null,
        committeeId: area.id,
        raisingCommitteeId: raising.id,
        departmentId: demo.department ? departmentOf(demo.department, county.id) : null,
        deadline: demo.deadline === null ? null : dayOf(demo.deadline, now),
        status,
        plan: demo.plan && status !== "pending" ? demo.plan : "",
        source,
        sourceId,
        closedAt: status === "closed" && verified ? at(verified.day, 16) : null,
        lookbackOn,
        version: steps.length,
        createdBy: raiser,
        createdAt: at(created, 9),
        updatedAt: at(last.day, 16),
      })
      .returning({ id: problems.id });
    await tx.insert(problemEvents).values(steps.map((s, i) => ({ problemId: row!.id, type: s.type, actorUserId: s.by, fromStatus: s.from, toStatus: s.to, comment: s.comment, at: at(s.day, 9 + (i % 8)) })));

    const tip = tipRows.find((t) => t.problemTitle === demo.title);
    if (tip) {
      const [tipRow] = await tx
        .insert(tips)
        .values({ code: code(), content: tip.content, location: tip.location, committeeId: committee(tip.area).id, contact: tip.contact, status: "converted", problemId: row!.id, triagedBy: raiser, triagedAt: at(created, 9), ipHash: demoIpHash(index), version: 2, createdAt: at(plusDays(created, -1), 20) })
        .returning({ id: tips.id });
      await tx.update(problems).set({ sourceId: tipRow!.id }).where(eq(problems.id, row!.id));
    }
  }

  // Tips still waiting, and one dismissed.
  const today = dayOf(0, now);
  const waiting = [
    { content: "网岭镇一处废品收购站夜间焚烧电线剥铜，黑烟很大，气味刺鼻。", location: "网岭镇 罗家坪村废品站", area: "网岭镇", contact: "", daysAgo: 1 },
    { content: "云阳街道小区旁边的排水沟最近一直有发黑的污水，臭味很重。", location: "云阳街道 城南小区旁排水沟", area: "云阳街道", contact: "李女士 13700002345", daysAgo: 2 },
    { content: "白兔潭镇有一家陶瓷小作坊晚上偷偷开窑，烟囱冒黑烟。", location: "白兔潭镇 白兔潭村", area: "白兔潭镇", contact: "", daysAgo: 4 },
  ];
  for (const [i, w] of waiting.entries()) {
    await tx.insert(tips).values({ code: code(), content: w.content, location: w.location, committeeId: committee(w.area).id, contact: w.contact, ipHash: demoIpHash(100 + i), createdAt: at(plusDays(today, -w.daysAgo), 19) });
  }
  const lukou = committee("渌口区");
  await tx.insert(tips).values({
    code: code(),
    content: "渌口镇河边有人钓鱼留下很多垃圾。",
    location: "渌口镇 湘江边",
    committeeId: lukou.id,
    status: "dismissed",
    dismissReason: "经核实属一般环境卫生问题，已转镇环卫所清理，不作为监督问题立案。",
    triagedBy: staffOf(lukou.id) ?? null,
    triagedAt: at(plusDays(today, -8), 10),
    ipHash: demoIpHash(200),
    version: 2,
    createdAt: at(plusDays(today, -10), 18),
  });
  return true;
}

/** The demo tips came from nowhere: a fixed stand-in for the keyed hash of an address. */
function demoIpHash(n: number): string {
  return createHash("sha256").update(`demo-tip-${n}`).digest("hex");
}
