import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { activities, campaigns, committees, monthlyReports, users } from "../schema";

/**
 * The demo monthly reports (月报) of the 2026 campaign, for every month that has ended: most
 * counties on time, some late, some missing, and 醴陵市's three townships with liaison accounts.
 * The month just ended is half done: some submitted, some drafts, and 渌口区 and 天元区 with
 * nothing yet (the end-to-end test writes 渌口区's, and the demo shows how a county does it).
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, "0");
const shanghaiMonth = (d: Date) => {
  const local = new Date(d.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}`;
};
const addMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
};
/** Shanghai wall-clock time on day `day` of `month` as an instant. */
const on = (month: string, day: number, hour: number) => new Date(`${month}-${pad(day)}T${pad(hour)}:00:00+08:00`);

const PROBLEMS = [
  "部分入河排污口标识不清，日常巡查记录不全；个别河段沿岸垃圾清运不及时。",
  "农村生活污水处理设施运行不稳定，部分站点出水不达标。",
  "畜禽养殖废弃物资源化利用率偏低，散养户污染治理存在薄弱环节。",
  "群众反映夜间有异味，相关部门回应不够及时。",
  "本月未发现新的突出问题，持续跟踪上月问题整改。",
];
const PLANS = [
  "开展入河排污口整治“回头看”，督促有关部门限期整改。",
  "组织委员围绕农村人居环境整治召开协商座谈会。",
  "对上月问题清单逐项跟踪，收集整改情况并报市政协。",
  "联合乡镇（街道）开展屋场会，听取群众对黑臭水体整治的意见。",
];
/** The e2e spec writes 渌口区's report for the month just ended; 天元区 is left for the demo. */
const LEFT_OPEN = ["渌口区", "天元区"];
const TOWNSHIPS = ["左权镇", "浦口镇", "白兔潭镇"];

export async function seedMonthlyReports(tx: Tx, now = new Date()): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(monthlyReports);
  if (existing!.n > 0) return false;
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.year, 2026)).limit(1);
  if (!campaign) return false;
  const writers = await tx
    .select({ committeeId: committees.id, level: committees.level, shortName: committees.shortName, userId: sql<number>`min(${users.id})` })
    .from(committees)
    .innerJoin(users, and(eq(users.committeeId, committees.id), inArray(users.role, ["county_staff", "township_liaison"])))
    .where(sql`${committees.level} = 'county' or ${inArray(committees.shortName, TOWNSHIPS)}`)
    .groupBy(committees.id)
    .orderBy(asc(committees.path));
  const held = await tx
    .select({ committeeId: activities.committeeId, startsAt: activities.startsAt, title: activities.title, place: activities.place })
    .from(activities)
    .where(and(eq(activities.campaignId, campaign.id), eq(activities.status, "held")))
    .orderBy(asc(activities.startsAt));

  const current = shanghaiMonth(now);
  const months: string[] = [];
  for (let m = campaign.startDate.slice(0, 7); m < current && m <= campaign.endDate.slice(0, 7); m = addMonth(m)) months.push(m);
  const lastEnded = months.at(-1);

  const rows: (typeof monthlyReports.$inferInsert)[] = [];
  for (const [wi, w] of writers.entries()) {
    for (const [mi, month] of months.entries()) {
      const k = wi + mi;
      const justEnded = month === lastEnded;
      if (justEnded && LEFT_OPEN.includes(w.shortName)) continue;
      // Earlier months: one in seven missing, one in five late; the month just ended: a third drafts.
      if (!justEnded && k % 7 === 3) continue;
      const next = addMonth(month);
      let submittedAt: Date | null = !justEnded && k % 5 === 1 ? on(next, campaign.reportDueDay + 3, 10) : on(next, Math.max(1, campaign.reportDueDay - 2), 16);
      if (justEnded && k % 3 === 0) submittedAt = null;
      if (submittedAt && submittedAt > now) submittedAt = null;
      const own = held.filter((a) => a.committeeId === w.committeeId && shanghaiMonth(a.startsAt) === month);
      const lines = own.map((a, i) => {
        const local = new Date(a.startsAt.getTime() + SHANGHAI_OFFSET_MS);
        return `${i + 1}. ${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${a.title}（${a.place}）`;
      });
      const monthName = `${Number(month.slice(5))}月`;
      rows.push({
        campaignId: campaign.id,
        committeeId: w.committeeId,
        month: `${month}-01`,
        summary: own.length
          ? `${monthName}，${w.shortName}政协围绕“改善生态环境”专项民主监督开展活动${own.length}次，组织委员现场查看、听取汇报，收集意见建议并交有关部门办理。`
          : `${monthName}，${w.shortName}政协以跟踪督办上月问题为主，未组织集中监督活动。`,
        activitiesHeld: own.length,
        activitySummary: lines.join("\n"),
        problems: PROBLEMS[k % PROBLEMS.length]!,
        nextPlan: PLANS[k % PLANS.length]!,
        status: submittedAt ? "submitted" : "draft",
        submittedAt,
        submittedBy: submittedAt ? w.userId : null,
        version: submittedAt ? 2 : 1,
        createdBy: w.userId,
        createdAt: on(next, 1, 9),
        updatedAt: submittedAt ?? on(next, 1, 9),
      });
    }
  }
  if (rows.length) await tx.insert(monthlyReports).values(rows);
  return rows.length > 0;
}
