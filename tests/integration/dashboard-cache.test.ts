import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@dm/db";
import { activities, problems } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign } from "./support/fixtures";
import { createGroupOrg, type GroupOrg } from "./support/group";
import { callerFor } from "./support/trpc";

/**
 * The dashboard's per-process cache (packages/api/src/computed-cache.ts): within the TTL a
 * second request computes nothing, a tRPC mutation of this process makes the next one fresh,
 * concurrent requests compute once, answers are never shared across committees, campaigns or
 * months, and DASHBOARD_CACHE_SECONDS=0 turns it off. Whether a request computed is seen in the
 * SQL it sent: the figures are the only statements that read `participation_months`.
 */

let t: TestDatabase;
let org: GroupOrg;
let counting: Db;
let campaignId: number;
let otherCampaignId: number;
let activityId: number;
const statements: string[] = [];

/** How many statements sent by `run` computed the figures (read the participation). */
async function computations<T>(run: () => Promise<T>): Promise<{ result: T; computed: number }> {
  statements.length = 0;
  const result = await run();
  return { result, computed: statements.filter((s) => s.includes(`"participation_months" pm`)).length };
}

const leader = () => callerFor(counting, org.users.cityLeader.id);
const overview = (input: { campaignId?: number; month?: string } = {}) => leader().dashboard.overview({ campaignId, month: "2024-04", ...input });

async function problemDirectly(title: string) {
  // Straight into the database, not through a procedure: the cache cannot know of it.
  await t.db.insert(problems).values({ title, description: title, category: "water", location: "渌江", committeeId: org.countyA.id, raisingCommitteeId: org.city.id, status: "pending", source: "direct", createdAt: new Date("2024-04-10T10:00:00+08:00") });
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createGroupOrg(t.db);
  counting = createDb(t.url, { max: 4, logger: { logQuery: (query) => statements.push(query) } });
  campaignId = await createCampaign(t.db, org.users.cityStaff.id, { title: "2024年改善生态环境专项民主监督", year: 2024, startDate: "2024-03-01", endDate: "2024-12-31" });
  otherCampaignId = await createCampaign(t.db, org.users.cityStaff.id, { title: "另一专项", year: 2024, startDate: "2024-01-01", endDate: "2024-12-31" });
  const start = new Date("2024-04-12T09:00:00+08:00");
  const [row] = await t.db
    .insert(activities)
    .values({ committeeId: org.countyA.id, campaignId, type: "field_inspection", title: "四月巡河", startsAt: start, endsAt: new Date(start.getTime() + 3 * 3_600_000), place: "渌江沿岸", organizer: "办公室", signupDeadline: start, audience: "subtree", status: "held", checkInSecret: "test-secret", createdBy: org.users.countyA.id })
    .returning({ id: activities.id });
  activityId = row!.id;
});

afterEach(() => {
  delete process.env.DASHBOARD_CACHE_SECONDS;
});

afterAll(async () => {
  await counting?.$client.end();
  await t?.cleanup();
});

describe("the dashboard cache", () => {
  it("serves a second request within the TTL without computing, then a mutation of this process makes the next one fresh", async () => {
    const first = await computations(() => overview());
    expect(first.computed).toBe(1);
    expect(first.result.computedAt).toBeInstanceOf(Date);

    await problemDirectly("直接写入的问题");
    const second = await computations(() => overview());
    expect(second.computed).toBe(0);
    // The same answer, as computed then: the problem written behind the cache's back is not in it.
    expect(second.result).toEqual(first.result);
    expect(second.result.total.problems).toBe(first.result.total.problems);

    // Any mutation of this process (here: attendance marked by hand) moves the generation on.
    await callerFor(t.db, org.users.countyA.id).activity.mark({ activityId, memberId: org.users.memberA.memberId!, attendance: "present" });
    const third = await computations(() => overview());
    expect(third.computed).toBe(1);
    expect(third.result.total.problems).toBe(first.result.total.problems + 1);
    expect(third.result.total.participants).toBe(first.result.total.participants + 1);
    expect(third.result.computedAt.getTime()).toBeGreaterThan(first.result.computedAt.getTime());
  });

  it("computes once for concurrent requests", async () => {
    const { result, computed } = await computations(() => Promise.all(Array.from({ length: 6 }, () => overview({ month: "2024-05" }))));
    expect(computed).toBe(1);
    for (const answer of result) expect(answer).toEqual(result[0]);
  });

  it("never shares an answer across committees, campaigns or months, and each equals an uncached computation", async () => {
    const asks = [
      { who: org.users.cityLeader.id, input: { campaignId, month: "2024-06" } },
      { who: org.users.countyA.id, input: { campaignId, month: "2024-06" } },
      { who: org.users.liaisonA1.id, input: { campaignId, month: "2024-06" } },
      { who: org.users.cityLeader.id, input: { campaignId: otherCampaignId, month: "2024-06" } },
      { who: org.users.cityLeader.id, input: { campaignId, month: "2024-04" } },
    ];
    await callerFor(t.db, org.users.cityStaff.id).department.create({ name: "水利局" }); // a fresh generation: nothing cached yet
    const cached = [];
    for (const ask of asks) {
      const { result, computed } = await computations(() => callerFor(counting, ask.who).dashboard.overview(ask.input));
      expect(computed, JSON.stringify(ask)).toBe(1);
      cached.push(result);
    }
    // Asked again: all served from the cache, each its own.
    for (const [i, ask] of asks.entries()) {
      const { result, computed } = await computations(() => callerFor(counting, ask.who).dashboard.overview(ask.input));
      expect(computed).toBe(0);
      expect(result).toEqual(cached[i]);
    }
    process.env.DASHBOARD_CACHE_SECONDS = "0";
    for (const [i, ask] of asks.entries()) {
      const { computedAt, ...fresh } = await callerFor(counting, ask.who).dashboard.overview(ask.input);
      const { computedAt: then, ...kept } = cached[i]!;
      expect(kept).toEqual(fresh);
      expect(computedAt.getTime()).toBeGreaterThanOrEqual(then.getTime());
    }
    expect(new Set(cached.map((d) => `${d.committee.id}:${d.campaign.id}:${d.month}`)).size).toBe(asks.length);
  });

  it("computes every time with DASHBOARD_CACHE_SECONDS=0, and again once the TTL has passed", async () => {
    process.env.DASHBOARD_CACHE_SECONDS = "0";
    expect((await computations(() => overview({ month: "2024-07" }))).computed).toBe(1);
    expect((await computations(() => overview({ month: "2024-07" }))).computed).toBe(1);
    expect((await computations(() => Promise.all([overview({ month: "2024-07" }), overview({ month: "2024-07" })]))).computed).toBe(2);

    process.env.DASHBOARD_CACHE_SECONDS = "0.3";
    expect((await computations(() => overview({ month: "2024-08" }))).computed).toBe(1);
    expect((await computations(() => overview({ month: "2024-08" }))).computed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await computations(() => overview({ month: "2024-08" }))).computed).toBe(1);
  });

  it("checks the caller's right to the campaign on every request, cached or not", async () => {
    await overview({ month: "2024-09" });
    // Another city's staff cannot see this city's campaign: NOT_FOUND, not a cached answer.
    await expect(callerFor(counting, org.users.otherCityStaff.id).dashboard.overview({ campaignId, month: "2024-09" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
