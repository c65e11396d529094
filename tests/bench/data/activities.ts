import { randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import { type ActivityAudience, type ActivityStatus, type ActivityType, DEFAULT_FOCUS_AREAS, PARTICIPATION_FROM_REGISTRATIONS } from "@dm/db";
import type { TaskWork } from "./campaigns";
import { copyRows } from "./copy";
import type { LoadTimer } from "./timer";
import type { Committee, Organisation } from "./organisation";
import { between, pick, type Random, streamOf, weighted } from "./random";
import { chinaDay, chinaTime, DAY, daysInMonth, POOLS, RATES } from "./shape";

const HOUR = 3_600_000;

const TEMPLATES: { type: ActivityType; title: (place: string) => string; place: string }[] = [
  { type: "field_inspection", title: (p) => `${p}入河排污口踏察`, place: "沿河排污口" },
  { type: "inspection", title: (p) => `${p}“河长制”落实情况视察`, place: "河长制责任河段" },
  { type: "symposium", title: (p) => `${p}生态环境问题调研座谈会`, place: "政协会议室" },
  { type: "consultation", title: (p) => `${p}农村人居环境整治协商座谈会`, place: "政协会议室" },
  { type: "bench_meeting", title: (p) => `${p}板凳会：听取群众对黑臭水体整治的意见`, place: "村部院坝" },
  { type: "research", title: (p) => `${p}畜禽养殖污染治理调研`, place: "规模养殖场" },
  { type: "courtyard_meeting", title: (p) => `${p}屋场会：垃圾分类与清运`, place: "屋场" },
  { type: "survey", title: (p) => `${p}饮用水源地保护问卷调查`, place: "水源地周边村组" },
  { type: "briefing", title: (p) => `听取${p}生态环境局工作情况介绍`, place: "生态环境局" },
];
const MINUTES = "活动按计划进行，委员现场查看并座谈交流，形成问题清单报送有关部门。";
const FINDINGS = ["部分排污口标识不清；沿岸垃圾清运不及时。", "群众反映夜间有异味，建议加密监测。", "污水处理设施运行记录不全，建议限期整改。", "本次未发现新的突出问题，持续跟踪整改。"];
const MEMBER_FINDINGS = [
  "沿河一处排污口夜间排放，水体发黑，建议加密监测。",
  "河长公示牌信息未更新，联系电话已停机。",
  "沟渠淤塞，生活污水直排，群众反映夏季异味明显。",
  "部分垃圾桶破损，清运频次偏低，建议增设收集点。",
  "养殖场粪污处理设施运行记录不全，沼液外溢至农田。",
];
const EXCUSES = ["外出开会", "身体不适", "单位有紧急工作", "家中有事"];

const AUDIENCE: Record<Committee["level"], Record<ActivityAudience, number>> = {
  city: { subtree: 55, committee: 35, invited: 10 },
  county: { subtree: 55, committee: 35, invited: 10 },
  township: { committee: 70, subtree: 30, invited: 0 },
};

/** What later steps link to: held activities (problem sources) and held counts per month (monthly reports). */
export interface ActivityWork {
  heldOf: Map<number, { id: number; at: Date }[]>;
  /** Held activities per committee and month index (0 = January). */
  heldPerMonth: Map<number, number[]>;
  signUpPool: number[];
  checkInPool: number[];
}

/**
 * How the registrations of one activity are drawn in SQL: `pick` members spread evenly over the
 * `n` ids from `lo` (its audience: the organiser's own members or its subtree's), starting at
 * offset `s`; the invitees are all `pick` of them, the sign-ups the first `k`.
 */
type PlanRow = [activityId: number, lo: number, n: number, pick: number, k: number, s: number, invited: boolean, cancelPercent: number];

export async function loadActivities(sql: Sql, timer: LoadTimer, org: Organisation, tasks: TaskWork, now: Date): Promise<ActivityWork> {
  const year = Number(chinaDay(now).slice(0, 4));
  const activityRows: unknown[][] = [];
  const plan: PlanRow[] = [];
  const work: ActivityWork = { heldOf: new Map(), heldPerMonth: new Map(), signUpPool: [], checkInPool: [] };
  const nowMs = now.getTime();

  const add = (
    c: Committee,
    random: Random,
    a: { campaignId: number; taskId: number | null; template: number; startsAt: Date; endsAt: Date; createdAt: Date; audience: ActivityAudience; status: ActivityStatus; capacity: number | null; k: number; title?: string; place?: string },
  ) => {
    const id = activityRows.length + 1;
    const template = TEMPLATES[a.template]!;
    const held = a.status === "held";
    const heldAt = held ? new Date(Math.max(a.endsAt.getTime(), Math.min(a.endsAt.getTime() + between(random, 0, 48) * HOUR, nowMs - 60_000))) : null;
    const cancelledAt = new Date(Math.max(a.createdAt.getTime() + HOUR, Math.min(a.startsAt.getTime() - DAY, nowMs - 60_000)));
    activityRows.push([
      id, c.id, a.campaignId, a.taskId, DEFAULT_FOCUS_AREAS[a.template % DEFAULT_FOCUS_AREAS.length], template.type, a.title ?? template.title(c.shortName),
      "组织委员围绕专项民主监督开展活动，现场查看、听取汇报、收集意见。", a.startsAt, a.endsAt, a.place ?? `${c.shortName}${template.place}`, `${c.shortName}政协`,
      a.capacity, new Date(a.startsAt.getTime() - 15 * HOUR), a.audience, a.status, a.k, randomBytes(32).toString("base64url"),
      held ? MINUTES : "", held ? pick(random, FINDINGS) : "", held ? between(random, 0, 8) : 0, heldAt,
      a.status === "planned" ? 1 : 2, c.staffUserId, a.createdAt, held ? heldAt : a.status === "cancelled" ? cancelledAt : a.createdAt,
    ]);
    return id;
  };

  for (const c of org.committees) {
    const random = streamOf(20, c.id);
    const campaignId = tasks.campaignOf.get(c.city.id)!;
    const ownTasks = tasks.tasksOf.get(c.id) ?? [];
    const perMonth = Array.from({ length: 12 }, () => 0);
    const held: { id: number; at: Date }[] = [];
    for (let month = 1; month <= 12; month++) {
      // Now and then a committee holds nothing in a month: the coverage matrix has gaps to chase.
      if (random() < (c.level === "township" ? 0.04 : c.level === "county" ? 0.015 : 0)) continue;
      const n = Math.round(RATES.activitiesPerMonth[c.level] * (0.6 + 0.8 * random()));
      for (let j = 0; j < n; j++) {
        const fullDay = random() < 0.1;
        const hour = fullDay || random() < 0.6 ? 9 : 14;
        const startsAt = chinaTime(year, month, between(random, 1, daysInMonth(year, month)), hour, random() < 0.5 ? 0 : 30);
        const endsAt = new Date(startsAt.getTime() + (fullDay ? 8 : between(random, 2, 3)) * HOUR);
        const status: ActivityStatus =
          endsAt.getTime() < nowMs ? weighted(random, { held: 92, cancelled: 4, planned: 4 }) : startsAt.getTime() > nowMs ? (random() < 0.05 ? "cancelled" : "planned") : "planned";
        const createdAt = new Date(Math.min(startsAt.getTime() - between(random, 7, 20) * DAY, nowMs - HOUR));
        const audience = weighted(random, AUDIENCE[c.level]);
        const range = audience === "committee" ? c.own : c.subtree;
        const [lo, hi] = RATES.signUps[c.level];
        let k = Math.min(between(random, lo, hi), range.n);
        const invitees = audience === "invited" ? Math.min(between(random, 15, 40), range.n) : 0;
        if (invitees) k = Math.round(invitees * (0.5 + 0.4 * random()));
        // Sign-ups are still coming in for what lies ahead.
        if (startsAt.getTime() > nowMs) k = Math.round(k * (startsAt.getTime() - nowMs < 7 * DAY ? 0.8 : 0.4) * (status === "cancelled" ? 0.5 : 1));
        const capacity = random() < 0.35 ? Math.max(3, Math.round(k * (0.75 + 0.55 * random()))) : null;
        const linked = ownTasks.filter((t) => t.at.getTime() < createdAt.getTime());
        const taskId = linked.length && random() < 0.25 ? pick(random, linked).id : null;
        const id = add(c, random, { campaignId, taskId, template: between(random, 0, TEMPLATES.length - 1), startsAt, endsAt, createdAt, audience, status, capacity, k });
        plan.push([id, range.lo, range.n, invitees || k, k, between(random, 0, range.n - 1), audience === "invited", 6]);
        if (status === "held") {
          perMonth[month - 1]!++;
          held.push({ id, at: startsAt });
        }
      }
    }
    work.heldPerMonth.set(c.id, perMonth);
    work.heldOf.set(c.id, held);
  }

  // The write pools: activities of the first county for invited members only (so the measured
  // member's lists stay as they are). Sign-up: upcoming, a large capacity, nobody registered.
  // Check-in: under way from just before generation for three days, every invitee registered.
  const county = org.firstCounty;
  const random = streamOf(21, county.id);
  const signUp = { lo: org.signUpPool.memberIds[0]!, n: org.signUpPool.memberIds.length };
  const checkIn = { lo: org.checkInPool.memberIds[0]!, n: org.checkInPool.memberIds.length };
  for (let i = 0; i < POOLS.signUpActivities; i++) {
    const day = chinaDay(new Date(nowMs + between(random, 3, 30) * DAY));
    const startsAt = chinaTime(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)), 9);
    const id = add(county, random, {
      campaignId: tasks.poolCampaignId, taskId: null, template: i % TEMPLATES.length, startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR), createdAt: new Date(nowMs - 2 * DAY),
      audience: "invited", status: "planned", capacity: 1000, k: 0, title: `河湖长制第${i + 1}河段巡河监督`, place: `${county.shortName}第${(i % 40) + 1}河段`,
    });
    plan.push([id, signUp.lo, signUp.n, signUp.n, 0, 0, true, 0]);
    work.signUpPool.push(id);
  }
  const checkInStart = new Date(nowMs - 30 * 60_000);
  for (let i = 0; i < POOLS.checkInActivities; i++) {
    const id = add(county, random, {
      campaignId: tasks.poolCampaignId, taskId: null, template: i % TEMPLATES.length, startsAt: checkInStart, endsAt: new Date(checkInStart.getTime() + 3 * DAY), createdAt: new Date(nowMs - 3 * DAY),
      audience: "invited", status: "planned", capacity: null, k: checkIn.n, title: `河湖长制第${i + 1}河段三日集中踏察`, place: `${county.shortName}第${(i % 40) + 1}河段`,
    });
    plan.push([id, checkIn.lo, checkIn.n, checkIn.n, checkIn.n, 0, true, 0]);
    work.checkInPool.push(id);
  }

  const columns = [
    "id", "committee_id", "campaign_id", "task_id", "focus_area", "type", "title", "description", "starts_at", "ends_at", "place", "organizer",
    "capacity", "signup_deadline", "audience", "status", "signup_seq", "check_in_secret", "minutes", "findings", "opinion_count", "held_at",
    "version", "created_by", "created_at", "updated_at",
  ];
  await timer.table("activities", () => copyRows(sql, "activities", columns, activityRows));
  await sql`create unlogged table bench_plan (activity_id integer primary key, lo integer, n integer, pick integer, k integer, s integer, invited boolean, cancel_percent integer)`;
  await copyRows(sql, "bench_plan", ["activity_id", "lo", "n", "pick", "k", "s", "invited", "cancel_percent"], plan);
  await timer.table("activity_invitees", () => inviteesFromPlan(sql));
  await timer.table("registrations", () => registrationsFromPlan(sql, now));
  // The dashboard's participation summary, which the app keeps on each write: summed once here.
  await timer.table("participation_months", async () => (await sql.unsafe(PARTICIPATION_FROM_REGISTRATIONS)).count);
  await timer.table("activity_findings", () => memberFindings(sql, now));
  await sql`drop table bench_plan`;
  return work;
}

/** The invitees of every "invited" activity, drawn from the organiser's subtree. */
async function inviteesFromPlan(sql: Sql): Promise<number> {
  const result = await sql`
    insert into activity_invitees (activity_id, member_id)
    select p.activity_id, p.lo + (p.s + (i - 1) * p.n / p.pick) % p.n
    from bench_plan p cross join generate_series(1, p.pick) i
    where p.invited`;
  return result.count;
}

/**
 * Every activity's sign-ups in one statement: queue positions 1…k in arrival order (so
 * `signup_seq` = k), a few cancelled, places filled in queue order up to the capacity and the
 * rest waiting; for held activities the attendance of those with a place (QR or by hand,
 * late, absent, excused with a reason).
 */
async function registrationsFromPlan(sql: Sql, now: Date): Promise<number> {
  const result = await sql`
    insert into registrations (activity_id, member_id, status, queue_position, registered_at, cancelled_at, attendance, attendance_note, checked_in_at, check_in_method, marked_by, updated_at)
    select id, member_id, status::registration_status, i, registered_at, cancelled_at, attendance::attendance_status,
      case when attendance = 'excused' then (${EXCUSES}::text[])[1 + h % ${EXCUSES.length}] else '' end,
      case attendance when 'present' then starts_at - interval '20 minutes' + (h % 25) * interval '1 minute'
                      when 'late' then starts_at + interval '15 minutes' + (h % 40) * interval '1 minute' end,
      case when attendance in ('present', 'late') then (case when h % 9 = 0 then 'manual' else 'qr' end)::check_in_method end,
      case when attendance in ('absent', 'excused') or (attendance in ('present', 'late') and h % 9 = 0) then created_by end,
      case when attendance is not null then held_at else coalesce(cancelled_at, registered_at) end
    from (
      select r.*,
        case when cancelled then 'cancelled' when capacity is null or taken <= capacity then 'registered' else 'waiting' end as status,
        case when not cancelled and (capacity is null or taken <= capacity) and activity_status = 'held' then
          case when h < 78 then 'present' when h < 85 then 'late' when h < 93 then 'absent' else 'excused' end
        end as attendance,
        case when cancelled then registered_at + (least(signup_deadline, ${now}::timestamptz) - registered_at) / 2 end as cancelled_at
      from (
        select g.*, count(*) filter (where not cancelled) over (partition by id order by i) as taken
        from (
          select a.id, a.status as activity_status, a.capacity, a.starts_at, a.created_by, a.held_at, a.signup_deadline, i,
            p.lo + (p.s + (i - 1) * p.n / p.pick) % p.n as member_id,
            a.created_at + (least(a.signup_deadline, ${now}::timestamptz) - a.created_at) * i / (p.k + 1) as registered_at,
            abs(hashint8(a.id::bigint * 4096 + i)) % 100 < p.cancel_percent as cancelled,
            abs(hashint8(a.id::bigint * 4096 + 2048 + i)) % 100 as h
          from bench_plan p
          join activities a on a.id = p.activity_id
          cross join generate_series(1, p.k) i
        ) g
      ) r
    ) x`;
  return result.count;
}

/** Findings members wrote after some of the held activities they attended. */
async function memberFindings(sql: Sql, now: Date): Promise<number> {
  const result = await sql`
    insert into activity_findings (activity_id, member_id, text, created_at)
    select r.activity_id, r.member_id, (${MEMBER_FINDINGS}::text[])[1 + abs(hashint4(r.id)) % ${MEMBER_FINDINGS.length}],
      least(a.held_at + interval '3 hours', ${now}::timestamptz)
    from registrations r join activities a on a.id = r.activity_id
    where a.status = 'held' and r.attendance in ('present', 'late') and abs(hashint4(r.id)) % 50 = 0`;
  return result.count;
}
