import { randomBytes } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type { Tx } from "../client";
import type { ActivityAudience, ActivityType, AttendanceStatus } from "../enums";
import { rebuildParticipation } from "../participation";
import { activities, activityFindings, campaigns, committees, members, registrations, users } from "../schema";
import { prng } from "./people";
import { COUNTIES } from "./places";

/**
 * The demo activities of the 2026 campaign: one a month per county from March to October, with
 * gaps (so the coverage matrix has months to chase), township activities that roll up into
 * 醴陵市, attendance for points, and a few upcoming ones open for sign-up, dated from today so
 * the demo always has something to join.
 */

const TEMPLATES: { type: ActivityType; title: (place: string) => string; place: string }[] = [
  { type: "field_inspection", title: (p) => `${p}入河排污口踏察`, place: "渌江沿岸" },
  { type: "inspection", title: (p) => `${p}“河长制”落实情况视察`, place: "湘江株洲段" },
  { type: "symposium", title: (p) => `${p}生态环境问题调研座谈会`, place: "政协会议室" },
  { type: "consultation", title: (p) => `${p}农村人居环境整治协商座谈会`, place: "政协会议室" },
  { type: "bench_meeting", title: (p) => `${p}板凳会：听取群众对黑臭水体整治的意见`, place: "村部院坝" },
  { type: "research", title: (p) => `${p}畜禽养殖污染治理调研`, place: "规模养殖场" },
  { type: "courtyard_meeting", title: (p) => `${p}屋场会：垃圾分类与清运`, place: "屋场" },
  { type: "briefing", title: (p) => `听取${p}生态环境局工作情况介绍`, place: "生态环境局" },
];

/** What the demo member wrote down after each of 醴陵市's activities, in turn. */
const FINDINGS = [
  "渌江左岸一处排污口夜间排放，水体发黑，建议加密监测。",
  "河长公示牌信息未更新，联系电话已停机，建议及时更换。",
  "村部旁沟渠淤塞，生活污水直排，群众反映夏季异味明显。",
  "部分农户院落垃圾桶破损，清运频次偏低，建议增设收集点。",
  "养殖场粪污处理设施运行记录不全，沼液外溢至农田。",
  "屋场会上群众提出垃圾中转站选址离民居过近，建议重新论证。",
  "陶瓷企业窑炉在线监测数据与现场观察不符，建议执法抽查。",
];

const ATTENDANCE_CYCLE: AttendanceStatus[] = ["present", "present", "present", "late", "present", "excused", "absent"];

/** Shanghai wall-clock time as a Date. */
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+08:00`);
const secret = () => randomBytes(32).toString("base64url");
const pad = (n: number) => String(n).padStart(2, "0");

export async function seedActivities(tx: Tx): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(activities);
  if (existing!.n > 0) return false;
  const [campaign] = await tx.select({ id: campaigns.id, focusAreas: campaigns.focusAreas }).from(campaigns).where(eq(campaigns.year, 2026)).limit(1);
  if (!campaign) return false;
  const random = prng(20260501);
  const committeeRows = await tx.select({ id: committees.id, shortName: committees.shortName }).from(committees);
  const committeeId = (shortName: string) => committeeRows.find((c) => c.shortName === shortName)!.id;
  const staffOf = async (id: number) => (await tx.select({ id: users.id }).from(users).where(eq(users.committeeId, id)).orderBy(asc(users.id)).limit(1))[0]?.id;
  const rosterOf = async (id: number) => (await tx.select({ id: members.id }).from(members).where(and(eq(members.committeeId, id), eq(members.active, true))).orderBy(asc(members.id))).map((m) => m.id);
  const [demoMember] = await tx.select({ memberId: users.memberId }).from(users).where(eq(users.username, "member"));
  const citystaff = (await tx.select({ id: users.id }).from(users).where(eq(users.username, "citystaff")))[0]!.id;

  interface Planned {
    committee: string;
    date: string;
    template: number;
    audience: ActivityAudience;
    held: boolean;
    capacity?: number;
  }
  const plan: Planned[] = [];
  for (const [ci, county] of COUNTIES.entries()) {
    for (let month = 3; month <= 11; month++) {
      // Gaps: every county misses a month or two; November is only half done.
      if ((ci + month) % 5 === 0 || (month === 11 && ci % 2 === 1)) continue;
      const day = 8 + ((ci * 3 + month) % 15);
      if (month === 11 && day > 21) continue;
      plan.push({ committee: county.shortName, date: `2026-${pad(month)}-${pad(day)}`, template: (ci + month) % TEMPLATES.length, audience: "subtree", held: true });
    }
  }
  // 醴陵市's townships hold their own, which roll up into the county's row.
  for (const [ti, township] of ["左权镇", "浦口镇", "白兔潭镇"].entries()) {
    for (const month of [4, 6, 7, 9, 10]) plan.push({ committee: township, date: `2026-${pad(month)}-${pad(12 + ti * 4)}`, template: 4 + ((ti + month) % 3), audience: "committee", held: true });
  }
  // Seed dates from the reports: 4月19日 茶陵县协商座谈会, 5月10日 渌口区调研座谈会.
  plan.push({ committee: "茶陵县", date: "2026-04-19", template: 3, audience: "subtree", held: true });
  plan.push({ committee: "渌口区", date: "2026-05-10", template: 2, audience: "subtree", held: true });

  let findingsWritten = 0;
  for (const p of plan) {
    const id = committeeId(p.committee);
    const organiserUser = (await staffOf(id)) ?? citystaff;
    const template = TEMPLATES[p.template]!;
    const startsAt = at(p.date, 9);
    const roster = await rosterOf(id);
    const joined = roster.slice(0, Math.min(roster.length, 4 + Math.floor(random() * 4)));
    if (p.committee === "醴陵市" && demoMember?.memberId && !joined.includes(demoMember.memberId)) joined.push(demoMember.memberId);
    const [row] = await tx
      .insert(activities)
      .values({
        committeeId: id,
        campaignId: campaign.id,
        focusArea: campaign.focusAreas[p.template % campaign.focusAreas.length]!,
        type: template.type,
        title: template.title(p.committee),
        description: "组织委员围绕“改善生态环境”专项民主监督开展活动，现场查看、听取汇报、收集意见。",
        startsAt,
        endsAt: at(p.date, 12),
        place: `${p.committee}${template.place}`,
        organizer: `${p.committee}政协`,
        capacity: p.capacity ?? null,
        signupDeadline: at(p.date, 0),
        audience: p.audience,
        status: "held",
        signupSeq: joined.length,
        checkInSecret: secret(),
        minutes: "活动按计划进行，委员现场查看并座谈交流，形成问题清单报送有关部门。",
        findings: "部分排污口标识不清；沿岸垃圾清运不及时；群众反映夜间异味。",
        opinionCount: 2 + Math.floor(random() * 6),
        heldAt: at(p.date, 12),
        createdBy: organiserUser,
        createdAt: at(p.date, 0),
        updatedAt: at(p.date, 12),
      })
      .returning({ id: activities.id });
    if (joined.length === 0) continue;
    await tx.insert(registrations).values(
      joined.map((memberId, i) => {
        const attendance = ATTENDANCE_CYCLE[(i + p.template) % ATTENDANCE_CYCLE.length]!;
        const checkedIn = attendance === "present" || attendance === "late";
        return {
          activityId: row!.id,
          memberId,
          status: "registered" as const,
          queuePosition: i + 1,
          registeredAt: at(p.date, 0),
          attendance,
          attendanceNote: attendance === "excused" ? "外出开会" : "",
          checkedInAt: checkedIn ? at(p.date, attendance === "late" ? 10 : 9) : null,
          checkInMethod: checkedIn ? ("qr" as const) : null,
          updatedAt: at(p.date, 12),
        };
      }),
    );
    if (p.committee === "醴陵市" && demoMember?.memberId) {
      const text = FINDINGS[findingsWritten++ % FINDINGS.length]!;
      await tx.insert(activityFindings).values({ activityId: row!.id, memberId: demoMember.memberId, text, createdAt: at(p.date, 18) });
    }
  }

  // Upcoming, relative to today: open for sign-up.
  const today = new Date();
  const inDays = (days: number, hour: number) => {
    const d = new Date(today.getTime() + days * 86_400_000);
    const date = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(d);
    return at(date, hour);
  };
  const upcoming: { committee: string; days: number; template: number; audience: ActivityAudience; capacity: number | null; title: string; place: string }[] = [
    { committee: "醴陵市", days: 3, template: 1, audience: "subtree", capacity: 10, title: "渌江干流岸线保护情况视察", place: "醴陵市渌江大桥集合" },
    { committee: "市政协", days: 7, template: 3, audience: "subtree", capacity: 30, title: "清水塘老工业区生态修复协商座谈会", place: "市政协四楼会议室" },
    { committee: "左权镇", days: 5, template: 4, audience: "committee", capacity: null, title: "左权镇板凳会：村级污水处理设施运行", place: "左权镇政府院坝" },
    { committee: "茶陵县", days: 4, template: 0, audience: "subtree", capacity: 8, title: "洣水河茶陵段排污口踏察", place: "茶陵县洣江街道" },
  ];
  for (const u of upcoming) {
    const id = committeeId(u.committee);
    const template = TEMPLATES[u.template]!;
    const roster = await rosterOf(id);
    const joined = roster.slice(0, 3);
    const [row] = await tx
      .insert(activities)
      .values({
        committeeId: id,
        campaignId: campaign.id,
        focusArea: campaign.focusAreas[u.template % campaign.focusAreas.length]!,
        type: template.type,
        title: u.title,
        description: "请参加的委员提前十分钟到达集合地点，现场扫码签到。",
        startsAt: inDays(u.days, 9),
        endsAt: inDays(u.days, 12),
        place: u.place,
        organizer: u.committee === "市政协" ? "株洲市政协" : `${u.committee}政协`,
        capacity: u.capacity,
        signupDeadline: inDays(u.days - 1, 18),
        audience: u.audience,
        status: "planned",
        signupSeq: joined.length,
        checkInSecret: secret(),
        createdBy: (await staffOf(id)) ?? citystaff,
      })
      .returning({ id: activities.id });
    await tx.insert(registrations).values(joined.map((memberId, i) => ({ activityId: row!.id, memberId, status: "registered" as const, queuePosition: i + 1 })));
  }
  // Written in bulk, not through the procedures that keep it: summed once here.
  await rebuildParticipation(tx);
  return true;
}
