import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, DEFAULT_FOCUS_AREAS, DEFAULT_METHODS, eq } from "@dm/db";
import { auditEvents, campaignCountyLinks, campaignLeadingGroup, campaigns } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { campaignInput, createCampaign, createOrg, currentOf, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
});

afterAll(async () => {
  await t?.cleanup();
});

async function campaignCount() {
  const [row] = await t.db.select({ n: count() }).from(campaigns);
  return row!.n;
}

/** A campaign with its membership rows, straight from the database. */
async function stored(id: number) {
  const [row] = await t.db.select().from(campaigns).where(eq(campaigns.id, id));
  const group = await t.db.select().from(campaignLeadingGroup).where(eq(campaignLeadingGroup.campaignId, id)).orderBy(asc(campaignLeadingGroup.userId));
  const links = await t.db.select().from(campaignCountyLinks).where(eq(campaignCountyLinks.campaignId, id)).orderBy(asc(campaignCountyLinks.leaderUserId), asc(campaignCountyLinks.committeeId));
  const [audits] = await t.db.select({ n: count() }).from(auditEvents);
  return { row, group, links, audits: audits!.n };
}

describe("campaign.create", () => {
  it("lets the city staff create a campaign with focus areas, methods, leading group and county links", async () => {
    const { cityLeader, cityLeader2, cityStaff } = org.users;
    const focusAreas = [...DEFAULT_FOCUS_AREAS.slice(0, 5), "长江十年禁渔落实情况"];
    const { id } = await callerFor(t.db, cityStaff.id).campaign.create(
      campaignInput({
        focusAreas,
        methods: [...DEFAULT_METHODS],
        leadingGroup: [
          { userId: cityLeader.id, role: "leader" },
          { userId: cityLeader2.id, role: "deputy" },
          { userId: cityStaff.id, role: "member" },
        ],
        countyLinks: [
          { leaderUserId: cityLeader.id, committeeIds: [org.countyA.id, org.countyB.id] },
          { leaderUserId: cityLeader2.id, committeeIds: [org.countyB.id, org.countyB.id] },
        ],
      }),
    );

    const { row, group, links } = await stored(id);
    expect(row).toMatchObject({
      committeeId: org.city.id,
      title: "2023年改善生态环境专项民主监督",
      year: 2023,
      topic: "改善生态环境",
      startDate: "2023-03-01",
      endDate: "2035-12-31",
      focusAreas,
      methods: [...DEFAULT_METHODS],
      version: 1,
      createdBy: cityStaff.id,
    });
    expect(group.map((g) => [g.userId, g.role])).toEqual([
      [cityLeader.id, "leader"],
      [cityLeader2.id, "deputy"],
      [cityStaff.id, "member"],
    ]);
    expect(links.map((l) => [l.leaderUserId, l.committeeId])).toEqual([
      [cityLeader.id, org.countyA.id],
      [cityLeader.id, org.countyB.id],
      [cityLeader2.id, org.countyB.id],
    ]);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, String(id)));
    expect(audit).toMatchObject({ action: "campaign.create", entityType: "campaign", actorUserId: cityStaff.id });

    const detail = await callerFor(t.db, cityStaff.id).campaign.byId({ id });
    expect(detail.leadingGroup.map((m) => [m.name, m.role])).toEqual([
      ["王建华", "leader"],
      ["李志平", "deputy"],
      ["陈静", "member"],
    ]);
    expect(detail.countyLinks.map((l) => [l.leaderName, l.committeeName])).toEqual([
      ["王建华", "荷塘区政协"],
      ["王建华", "芦淞区政协"],
      ["李志平", "芦淞区政协"],
    ]);
    expect(detail.documents).toEqual([]);
  });

  it("lets a city leader create one too", async () => {
    const id = await createCampaign(t.db, org.users.cityLeader.id, { title: "2024年水环境专项民主监督", year: 2024 });
    expect((await stored(id)).row).toMatchObject({ createdBy: org.users.cityLeader.id, year: 2024 });
  });

  it("is FORBIDDEN for county staff, township liaisons and members, and writes nothing", async () => {
    const before = await campaignCount();
    const [audits] = await t.db.select({ n: count() }).from(auditEvents);
    for (const user of [org.users.countyA, org.users.liaisonA1, org.users.memberA, org.users.cityMember]) {
      const { shape } = await expectTRPCError(callerFor(t.db, user.id).campaign.create(campaignInput()), "FORBIDDEN");
      expect(shape.message).toBe("您没有权限执行此操作");
    }
    expect(await campaignCount()).toBe(before);
    expect((await t.db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(audits!.n);
  });

  it("refuses a leading group with a county user (BAD_REQUEST), and writes nothing", async () => {
    const before = await campaignCount();
    const { shape } = await expectTRPCError(
      callerFor(t.db, org.users.cityStaff.id).campaign.create(
        campaignInput({ leadingGroup: [{ userId: org.users.cityLeader.id, role: "leader" }, { userId: org.users.countyA.id, role: "member" }] }),
      ),
      "BAD_REQUEST",
    );
    expect(shape.message).toBe("领导小组成员须为市政协人员");
    expect(await campaignCount()).toBe(before);
  });

  it("refuses a city member, or another city's staff, in the leading group", async () => {
    for (const user of [org.users.cityMember, org.users.otherCityStaff]) {
      const { shape } = await expectTRPCError(
        callerFor(t.db, org.users.cityStaff.id).campaign.create(campaignInput({ leadingGroup: [{ userId: user.id, role: "member" }] })),
        "BAD_REQUEST",
      );
      expect(shape.message).toBe("领导小组成员须为市政协人员");
    }
  });

  it("links only chair-meeting members, and only to the city's own counties", async () => {
    const before = await campaignCount();
    const staff = callerFor(t.db, org.users.cityStaff.id);
    const notLeader = await expectTRPCError(staff.campaign.create(campaignInput({ countyLinks: [{ leaderUserId: org.users.cityStaff.id, committeeIds: [org.countyA.id] }] })), "BAD_REQUEST");
    expect(notLeader.shape.message).toBe("联系县市区的须为主席会议成员");
    for (const committeeId of [org.townA1.id, org.otherCounty.id, org.city.id]) {
      const { shape } = await expectTRPCError(
        staff.campaign.create(campaignInput({ countyLinks: [{ leaderUserId: org.users.cityLeader.id, committeeIds: [org.countyA.id, committeeId] }] })),
        "BAD_REQUEST",
      );
      expect(shape.message).toBe("只能联系本市的县市区政协");
    }
    expect(await campaignCount()).toBe(before);
  });

  it("refuses an end date before the start date, on the field", async () => {
    const { shape } = await expectTRPCError(
      callerFor(t.db, org.users.cityStaff.id).campaign.create(campaignInput({ startDate: "2023-06-01", endDate: "2023-05-31" })),
      "BAD_REQUEST",
    );
    expect(shape.data.fieldErrors).toEqual({ endDate: ["结束日期不能早于开始日期"] });
  });
});

describe("campaign.update", () => {
  let id: number;

  beforeAll(async () => {
    id = await createCampaign(t.db, org.users.cityStaff.id, {
      title: "2025年改善生态环境专项民主监督",
      year: 2025,
      leadingGroup: [{ userId: org.users.cityLeader.id, role: "leader" }],
      countyLinks: [{ leaderUserId: org.users.cityLeader.id, committeeIds: [org.countyA.id] }],
    });
  });

  it("saves with the version it read, raises the version and replaces the membership", async () => {
    const result = await callerFor(t.db, org.users.cityLeader.id).campaign.update({
      id,
      version: 1,
      data: campaignInput({
        title: "2025年改善生态环境专项民主监督（修订）",
        year: 2025,
        leadingGroup: [{ userId: org.users.cityLeader2.id, role: "leader" }],
        countyLinks: [{ leaderUserId: org.users.cityLeader2.id, committeeIds: [org.countyB.id] }],
      }),
    });
    expect(result).toEqual({ id, version: 2 });
    const after = await stored(id);
    expect(after.row).toMatchObject({ title: "2025年改善生态环境专项民主监督（修订）", version: 2 });
    expect(after.group.map((g) => [g.userId, g.role])).toEqual([[org.users.cityLeader2.id, "leader"]]);
    expect(after.links.map((l) => [l.leaderUserId, l.committeeId])).toEqual([[org.users.cityLeader2.id, org.countyB.id]]);
  });

  it("answers a stale version with CONFLICT and the current version, and changes nothing", async () => {
    const before = await stored(id);
    expect(before.row!.version).toBe(2);
    const { shape } = await expectTRPCError(
      callerFor(t.db, org.users.cityStaff.id).campaign.update({
        id,
        version: 1,
        data: campaignInput({ title: "过期的修改", year: 2025, leadingGroup: [{ userId: org.users.cityLeader.id, role: "leader" }] }),
      }),
      "CONFLICT",
    );
    expect(shape.message).toBe("该专项已被他人修改，请刷新后重试");
    expect(currentOf(shape)).toEqual({ version: 2 });
    expect(await stored(id)).toEqual(before);
  });

  it("is FORBIDDEN for county staff and NOT_FOUND for another city, and changes nothing", async () => {
    const before = await stored(id);
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).campaign.update({ id, version: 2, data: campaignInput({ title: "县里改的" }) }), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, org.users.otherCityStaff.id).campaign.update({ id, version: 2, data: campaignInput({ title: "外市改的" }) }), "NOT_FOUND");
    expect(await stored(id)).toEqual(before);
  });
});

describe("campaign reads", () => {
  let id: number;

  beforeAll(async () => {
    id = await createCampaign(t.db, org.users.cityStaff.id, {
      title: "2026年改善生态环境专项民主监督",
      year: 2026,
      leadingGroup: [{ userId: org.users.cityLeader.id, role: "leader" }],
      countyLinks: [{ leaderUserId: org.users.cityLeader.id, committeeIds: [org.countyA.id, org.countyB.id] }],
    });
  });

  it("lets county staff, township liaisons and members read the city's campaign (list and byId)", async () => {
    for (const user of [org.users.countyA, org.users.countyB, org.users.liaisonA1, org.users.memberA, org.users.cityMember]) {
      const caller = callerFor(t.db, user.id);
      const list = await caller.campaign.list();
      expect(list.map((c) => c.id)).toContain(id);
      const detail = await caller.campaign.byId({ id });
      expect(detail).toMatchObject({ id, title: "2026年改善生态环境专项民主监督", focusAreas: [...DEFAULT_FOCUS_AREAS], methods: [...DEFAULT_METHODS] });
      expect(detail.leadingGroup.map((m) => m.name)).toEqual(["王建华"]);
      expect(detail.countyLinks.map((l) => l.committeeName)).toEqual(["荷塘区政协", "芦淞区政协"]);
    }
  });

  it("lists newest year first", async () => {
    const list = await callerFor(t.db, org.users.countyA.id).campaign.list();
    const years = list.map((c) => c.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(list[0]!.year).toBe(2026);
  });

  it("hides the campaign from another city: not listed, NOT_FOUND by id", async () => {
    for (const user of [org.users.otherCityStaff, org.users.otherCountyStaff]) {
      expect(await callerFor(t.db, user.id).campaign.list()).toEqual([]);
      await expectTRPCError(callerFor(t.db, user.id).campaign.byId({ id }), "NOT_FOUND");
    }
  });

  it("keeps the choices of people and counties to the city's own users", async () => {
    const choices = await callerFor(t.db, org.users.cityStaff.id).campaign.choices();
    expect(choices.people.map((p) => p.name)).toEqual(["王建华", "李志平", "陈静"]);
    expect(choices.counties.map((c) => c.name)).toEqual(["荷塘区政协", "芦淞区政协"]);
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).campaign.choices(), "FORBIDDEN");
  });
});
