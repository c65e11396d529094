import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "@dm/db";
import { appraisalCriteria, appraisalScores, type User } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { chinaDate, createGroupOrg, type GroupOrg, groupInput, THIS_YEAR } from "./support/group";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * 民主评议 against PostgreSQL: county A (荷塘区) sets its criteria for this year; the members of
 * its groups score the departments they are dispatched to (0..max per criterion, changeable while
 * the year's appraisal is open); the results are aggregated per department in SQL.
 */
let t: TestDatabase;
let org: GroupOrg;
const as = (user: User) => callerFor(t.db, user.id);
const year = THIS_YEAR;
/** Two groups at 生态环境局 (a1) and one at 水利局 (a2). */
let g1: number, g2: number, g3: number;
/** 履职尽责 (max 40), 整改落实 (max 30), 公开透明 (max 30). */
let c: { duty: number; fix: number; open: number };

beforeAll(async () => {
  t = await freshDatabase();
  org = await createGroupOrg(t.db);
  const staff = as(org.users.countyA);
  g1 = (await staff.group.create(groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }, { memberId: org.m.b.id, role: "member" }]))).id;
  g2 = (await staff.group.create(groupInput(org.dept.a1, [{ memberId: org.m.t1.id, role: "supervisor" }], { kind: "individual", name: "派驻生态环境局民主监督员" }))).id;
  g3 = (await staff.group.create(groupInput(org.dept.a2, [{ memberId: org.m.c.id, role: "leader" }], { name: "派驻水利局民主监督小组" }))).id;
  c = {
    duty: (await staff.appraisal.addCriterion({ year, name: "履职尽责", maxScore: 40 })).id,
    fix: (await staff.appraisal.addCriterion({ year, name: "整改落实", maxScore: 30 })).id,
    open: (await staff.appraisal.addCriterion({ year, name: "公开透明", maxScore: 30 })).id,
  };
});

afterAll(async () => {
  await t?.cleanup();
});

async function scoreRows() {
  const [row] = await t.db.select({ n: count() }).from(appraisalScores);
  return row!.n;
}

describe("criteria", () => {
  it("are set per committee and year, in order, with unique names", async () => {
    const list = await as(org.users.countyA).appraisal.criteria({ year });
    expect(list).toMatchObject({ year, open: true, editable: true, committee: { name: "荷塘区政协" } });
    expect(list.items.map((i) => [i.name, i.maxScore])).toEqual([["履职尽责", 40], ["整改落实", 30], ["公开透明", 30]]);
    const { shape } = await expectTRPCError(as(org.users.countyA).appraisal.addCriterion({ year, name: "履职尽责", maxScore: 10 }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ name: ["本年度已有同名的评议项目"] });
    // The same name next year, or in another committee, is fine.
    const next = await as(org.users.countyA).appraisal.addCriterion({ year: year + 1, name: "履职尽责", maxScore: 50 });
    await as(org.users.countyA).appraisal.removeCriterion({ id: next.id });
    expect((await as(org.users.countyB).appraisal.criteria({ year })).items).toEqual([]);
  });

  it("refuses a maximum outside 1..100, and changes to a closed year", async () => {
    const { shape } = await expectTRPCError(as(org.users.countyA).appraisal.addCriterion({ year, name: "群众满意度", maxScore: 0 }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ maxScore: ["不能小于 1"] });
    const { shape: closed } = await expectTRPCError(as(org.users.countyA).appraisal.addCriterion({ year: year - 2, name: "群众满意度", maxScore: 20 }), "BAD_REQUEST");
    expect(closed.message).toBe("该年度的民主评议已结束（评议期至次年1月31日）");
  });

  it("are the committee's own: members and city leaders may not set them, the city may not change a county's, a sibling cannot see them", async () => {
    await expectTRPCError(as(org.m.a.user).appraisal.addCriterion({ year, name: "x项目", maxScore: 10 }), "FORBIDDEN");
    await expectTRPCError(as(org.users.cityLeader).appraisal.addCriterion({ year, name: "x项目", maxScore: 10 }), "FORBIDDEN");
    await expectTRPCError(as(org.users.cityStaff).appraisal.updateCriterion({ id: c.duty, name: "改名", maxScore: 40 }), "FORBIDDEN");
    await expectTRPCError(as(org.users.countyB).appraisal.updateCriterion({ id: c.duty, name: "改名", maxScore: 40 }), "NOT_FOUND");
    await expectTRPCError(as(org.users.countyB).appraisal.criteria({ year, committeeId: org.countyA.id }), "NOT_FOUND");
    expect((await as(org.users.cityStaff).appraisal.criteria({ year, committeeId: org.countyA.id })).editable).toBe(false);
  });
});

describe("scoring", () => {
  it("gives a member a score sheet of the year's criteria for their group's department", async () => {
    const form = await as(org.m.a.user).appraisal.form({ groupId: g1, year });
    expect(form).toMatchObject({ departmentName: "生态环境局", year, open: true, inTerm: true, scores: [] });
    expect(form.criteria.map((x) => x.name)).toEqual(["履职尽责", "整改落实", "公开透明"]);
  });

  it("takes whole scores from 0 to each criterion's maximum; anything else is refused on its field and nothing is saved", async () => {
    const member = as(org.m.a.user);
    let { shape } = await expectTRPCError(member.appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 35 }, { criterionId: c.fix, score: 31 }] }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ "scores.1.score": ["得分须在 0 到该项满分之间"] });
    ({ shape } = await expectTRPCError(member.appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: -1 }] }), "BAD_REQUEST"));
    expect(shape.data.fieldErrors).toEqual({ "scores.0.score": ["不能小于 0"] });
    ({ shape } = await expectTRPCError(member.appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 7.5 }] }), "BAD_REQUEST"));
    expect(shape.data.fieldErrors).toEqual({ "scores.0.score": ["必须是整数"] });
    const foreign = (await as(org.users.countyB).appraisal.addCriterion({ year, name: "履职尽责", maxScore: 40 })).id;
    ({ shape } = await expectTRPCError(member.appraisal.score({ groupId: g1, year, scores: [{ criterionId: foreign, score: 10 }] }), "BAD_REQUEST"));
    expect(shape.data.fieldErrors).toEqual({ "scores.0.criterionId": ["评议项目不属于本年度"] });
    // The same criterion twice in one submission is a clear error, not a database failure.
    ({ shape } = await expectTRPCError(member.appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 30 }, { criterionId: c.duty, score: 20 }] }), "BAD_REQUEST"));
    expect(shape.data.fieldErrors).toEqual({ scores: ["同一评议指标只能打一次分"] });
    expect(await scoreRows()).toBe(0);
  });

  it("lets only the group's members score: others get NOT_FOUND, staff FORBIDDEN", async () => {
    await expectTRPCError(as(org.m.c.user).appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 30 }] }), "NOT_FOUND");
    await expectTRPCError(as(org.m.c.user).appraisal.form({ groupId: g1, year }), "NOT_FOUND");
    await expectTRPCError(as(org.users.countyA).appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 30 }] }), "FORBIDDEN");
    expect(await scoreRows()).toBe(0);
  });

  it("replaces a member's earlier score while the year is open", async () => {
    const member = as(org.m.a.user);
    await member.appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 30 }, { criterionId: c.fix, score: 20 }] });
    await member.appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 36 }] });
    const form = await member.appraisal.form({ groupId: g1, year });
    expect(Object.fromEntries(form.scores.map((s) => [s.criterionId, s.score]))).toEqual({ [c.duty]: 36, [c.fix]: 20 });
    expect(await scoreRows()).toBe(2);
  });

  it("refuses a closed year, and a year the group's term does not cover", async () => {
    const [old] = await t.db.insert(appraisalCriteria).values({ committeeId: org.countyA.id, year: year - 2, name: "履职尽责", maxScore: 40 }).returning();
    const oldGroup = (await as(org.users.countyA).group.create(groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }], { termStart: `${year - 2}-01-01`, termEnd: chinaDate(10) }))).id;
    const { shape } = await expectTRPCError(as(org.m.a.user).appraisal.score({ groupId: oldGroup, year: year - 2, scores: [{ criterionId: old!.id, score: 30 }] }), "BAD_REQUEST");
    expect(shape.message).toBe("该年度的民主评议已结束（评议期至次年1月31日）");
    const future = (await as(org.users.countyA).group.create(groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }], { termStart: `${year + 1}-01-01`, termEnd: `${year + 1}-12-31` }))).id;
    const { shape: notInTerm } = await expectTRPCError(as(org.m.a.user).appraisal.score({ groupId: future, year, scores: [{ criterionId: c.duty, score: 30 }] }), "BAD_REQUEST");
    expect(notInTerm.message).toBe("本小组的任期不在该年度内，不参加该年度评议");
  });

  it("locks a criterion's maximum above the scores given and keeps a scored criterion from removal", async () => {
    const staff = as(org.users.countyA);
    const { shape } = await expectTRPCError(staff.appraisal.updateCriterion({ id: c.duty, name: "履职尽责", maxScore: 35 }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ maxScore: ["已有委员在该项目上的打分高于此满分"] });
    const { shape: removed } = await expectTRPCError(staff.appraisal.removeCriterion({ id: c.duty }), "BAD_REQUEST");
    expect(removed.message).toBe("已有委员按该项目打分，不能删除");
    await staff.appraisal.updateCriterion({ id: c.open, name: "信息公开透明", maxScore: 30 });
    const list = await staff.appraisal.criteria({ year });
    expect(list.items.find((i) => i.id === c.duty)).toMatchObject({ scored: 1, highestScore: 36 });
    expect(list.items.find((i) => i.id === c.open)!.name).toBe("信息公开透明");
  });
});

describe("results", () => {
  it("averages each criterion per department across its groups' scorers, sums the averages, counts scorers, in SQL", async () => {
    // 生态环境局: a (36, 20, –) from before, b (30, 25, 28), t1 (40, 30, 24). 水利局: c (20, 10, 10).
    await as(org.m.b.user).appraisal.score({ groupId: g1, year, scores: [{ criterionId: c.duty, score: 30 }, { criterionId: c.fix, score: 25 }, { criterionId: c.open, score: 28 }] });
    await as(org.m.t1.user).appraisal.score({ groupId: g2, year, scores: [{ criterionId: c.duty, score: 40 }, { criterionId: c.fix, score: 30 }, { criterionId: c.open, score: 24 }] });
    await as(org.m.c.user).appraisal.score({ groupId: g3, year, scores: [{ criterionId: c.duty, score: 20 }, { criterionId: c.fix, score: 10 }, { criterionId: c.open, score: 10 }] });

    const results = await as(org.users.countyA).appraisal.results({ year });
    expect(results.maxTotal).toBe(100);
    expect(results.criteria.map((x) => x.name)).toEqual(["履职尽责", "整改落实", "信息公开透明"]);
    const [eco, water] = results.departments;
    expect(eco).toMatchObject({ departmentName: "生态环境局", scorers: 3, total: 86.33 });
    // Members of groups at 生态环境局 this year: a and b (g1), t1 (g2), and a again in the groups of the test above.
    expect(eco!.eligible).toBe(3);
    expect(eco!.criteria).toEqual([
      { criterionId: c.duty, average: 35.33, scorers: 3 },
      { criterionId: c.fix, average: 25, scorers: 3 },
      { criterionId: c.open, average: 26, scorers: 2 },
    ]);
    expect(water).toMatchObject({ departmentName: "水利局", scorers: 1, eligible: 1, total: 40 });
    expect(results.departments).toHaveLength(2);

    // The city reads a county's results; a sibling county cannot; members cannot.
    expect((await as(org.users.cityLeader).appraisal.results({ year, committeeId: org.countyA.id })).departments).toHaveLength(2);
    await expectTRPCError(as(org.users.countyB).appraisal.results({ year, committeeId: org.countyA.id }), "NOT_FOUND");
    await expectTRPCError(as(org.m.a.user).appraisal.results({ year }), "FORBIDDEN");
    const stored = await t.db.select({ n: count() }).from(appraisalScores).where(and(eq(appraisalScores.groupId, g1)));
    expect(stored[0]!.n).toBe(5);
  });
});
