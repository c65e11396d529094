import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, type PhotoStore, readableAttachment, submitTip, type TipPhoto } from "@dm/api";
import { hashTipIp, TIP_CODE_ALPHABET, TIP_LIMITS } from "@dm/api/domain/tip";
import type { TipSubmitInput } from "@dm/api/schemas/tip";
import { and, eq } from "@dm/db";
import { attachments, auditEvents, departments, problemEvents, problems, tips, type User } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createOrg, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * Public tips against PostgreSQL: submission with photos (kept in a store the test can look
 * into), the limits, the honeypot and the per-address rate limit (each refusal keeps nothing),
 * the public status page (no personal data), and triage by staff in scope.
 */
let t: TestDatabase;
let org: Org;
let cityDept: number;
const KEY = "integration-test-key";

/** The attachment store, in memory: what a refusal must leave empty. */
function memoryStore(opts: { failOnSave?: number } = {}) {
  const files = new Map<string, Uint8Array>();
  let saves = 0;
  const store: PhotoStore & { files: Map<string, Uint8Array> } = {
    files,
    async save(bytes) {
      saves += 1;
      if (opts.failOnSave === saves) throw new Error("disk full");
      const key = randomUUID();
      files.set(key, bytes);
      return { key, size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
    },
    async remove(key) {
      files.delete(key);
    },
  };
  return store;
}

const png = (bytes = 68): TipPhoto => ({ bytes: new Uint8Array(bytes).fill(7), fileName: "现场.png", mimeType: "image/png" });

let ipCounter = 0;
/** A fresh address per test, so the rate limit of one test does not reach another. */
const freshIp = () => hashTipIp(KEY, `198.51.100.${++ipCounter}`);

function fields(overrides: Partial<TipSubmitInput> = {}): TipSubmitInput {
  return {
    content: "村后山有人夜间焚烧电子垃圾，气味刺鼻，持续一周",
    location: "月塘街道 长塘村后山",
    committeeId: org.townA1.id,
    contact: "13800001111",
    ...overrides,
  };
}

async function counts() {
  return {
    tips: (await t.db.select({ id: tips.id }).from(tips)).length,
    attachments: (await t.db.select({ id: attachments.id }).from(attachments)).length,
  };
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  cityDept = (await t.db.insert(departments).values({ committeeId: org.city.id, name: "生态环境局" }).returning())[0]!.id;
});

afterAll(async () => {
  await t?.cleanup();
});

describe("submitting a tip", () => {
  it("stores the tip and its photos and answers with a readable, unguessable code", async () => {
    const store = memoryStore();
    const ipHash = freshIp();
    const result = await submitTip(t.db, { fields: fields(), photos: [png(), png(100)], ipHash }, store);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code).toMatch(new RegExp(`^[${TIP_CODE_ALPHABET}]{10}$`));
    const [tip] = await t.db.select().from(tips).where(eq(tips.code, result.code));
    expect(tip).toMatchObject({ status: "received", committeeId: org.townA1.id, contact: "13800001111", ipHash, version: 1 });
    expect(tip!.ipHash).not.toContain("198.51");
    const photos = await t.db.select().from(attachments).where(and(eq(attachments.ownerType, "tip"), eq(attachments.ownerId, tip!.id)));
    expect(photos.map((p) => [p.uploadedBy, p.mimeType, p.size]).sort()).toEqual([[null, "image/png", 100], [null, "image/png", 68]]);
    expect(store.files.size).toBe(2);
    expect([...store.files.keys()].sort()).toEqual(photos.map((p) => p.storageKey).sort());
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "tip.submit"), eq(auditEvents.entityId, String(tip!.id))));
    expect(audit).toMatchObject({ actorUserId: null });
  });

  it("takes a county as the area too, and no photos at all", async () => {
    const result = await submitTip(t.db, { fields: fields({ committeeId: org.countyB.id, contact: "" }), photos: [], ipHash: freshIp() }, memoryStore());
    expect(result.ok).toBe(true);
  });

  const refusals: [string, () => Parameters<typeof submitTip>[1], string][] = [
    ["content too short", () => ({ fields: fields({ content: "太臭" }), photos: [], ipHash: freshIp() }), "invalid"],
    ["content too long", () => ({ fields: fields({ content: "臭".repeat(TIP_LIMITS.contentMax + 1) }), photos: [], ipHash: freshIp() }), "invalid"],
    ["no area", () => ({ fields: { ...fields(), committeeId: undefined }, photos: [], ipHash: freshIp() }), "invalid"],
    ["the honeypot filled in", () => ({ fields: fields({ website: "http://spam.example" }), photos: [png()], ipHash: freshIp() }), "honeypot"],
    ["too many photos", () => ({ fields: fields(), photos: Array.from({ length: TIP_LIMITS.maxPhotos + 1 }, () => png()), ipHash: freshIp() }), "tooManyPhotos"],
    ["a photo too large", () => ({ fields: fields(), photos: [png(), png(TIP_LIMITS.maxPhotoBytes + 1)], ipHash: freshIp() }), "photoTooLarge"],
    ["an empty photo", () => ({ fields: fields(), photos: [png(0)], ipHash: freshIp() }), "photoTooLarge"],
    ["a PDF instead of a photo", () => ({ fields: fields(), photos: [{ ...png(), mimeType: "application/pdf" }], ipHash: freshIp() }), "photoType"],
    ["the city as the area", () => ({ fields: fields({ committeeId: org.city.id }), photos: [png()], ipHash: freshIp() }), "area"],
    ["an area that does not exist", () => ({ fields: fields({ committeeId: 999_999 }), photos: [png()], ipHash: freshIp() }), "area"],
  ];
  for (const [name, request, reason] of refusals) {
    it(`refuses ${name} and keeps nothing`, async () => {
      const before = await counts();
      const store = memoryStore();
      const result = await submitTip(t.db, request(), store);
      expect(result).toMatchObject({ ok: false, reason });
      expect(await counts()).toEqual(before);
      expect(store.files.size).toBe(0);
    });
  }

  it("says which fields are wrong, in the caller's language", async () => {
    const zh = await submitTip(t.db, { fields: fields({ content: "太臭", location: "" }), photos: [], ipHash: freshIp() }, memoryStore());
    expect(zh).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { content: ["至少需要 10 个字符"], location: ["至少需要 2 个字符"] } });
    const en = await submitTip(t.db, { fields: fields({ content: "太臭" }), photos: [], ipHash: freshIp(), locale: "en" }, memoryStore());
    expect(en).toMatchObject({ fieldErrors: { content: ["At least 10 characters"] } });
  });

  it("removes the photos already stored when storing another fails", async () => {
    const before = await counts();
    const store = memoryStore({ failOnSave: 2 });
    await expect(submitTip(t.db, { fields: fields(), photos: [png(), png()], ipHash: freshIp() }, store)).rejects.toThrow("disk full");
    expect(store.files.size).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("takes five an hour from one address, also when they arrive at once", async () => {
    const ipHash = freshIp();
    const store = memoryStore();
    const results = await Promise.all(Array.from({ length: 7 }, () => submitTip(t.db, { fields: fields(), photos: [png()], ipHash }, store)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["rateLimited", "rateLimited"]);
    expect(store.files.size).toBe(5);
    expect((await t.db.select().from(tips).where(eq(tips.ipHash, ipHash))).length).toBe(5);
    // Another address is not held back.
    expect((await submitTip(t.db, { fields: fields(), photos: [], ipHash: freshIp() }, store)).ok).toBe(true);
  });

  it("counts the day as well as the hour", async () => {
    const ipHash = freshIp();
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await t.db.insert(tips).values(Array.from({ length: 20 }, (_, i) => ({ code: `OLD${String(i).padStart(7, "2")}`.slice(0, 10), content: "旧线索", location: "某地", committeeId: org.countyA.id, ipHash, createdAt: hoursAgo(2 + i) })));
    expect(await submitTip(t.db, { fields: fields(), photos: [], ipHash }, memoryStore())).toMatchObject({ ok: false, reason: "rateLimited" });
    await t.db.update(tips).set({ createdAt: hoursAgo(30) }).where(eq(tips.ipHash, ipHash));
    expect((await submitTip(t.db, { fields: fields(), photos: [], ipHash }, memoryStore())).ok).toBe(true);
  });
});

/** A tip as a citizen would leave it; returns its code and row. */
async function newTip(committeeId = org.townA1.id) {
  const result = await submitTip(t.db, { fields: fields({ committeeId }), photos: [png()], ipHash: freshIp() }, memoryStore());
  if (!result.ok) throw new Error(result.reason);
  const [row] = await t.db.select().from(tips).where(eq(tips.code, result.code));
  return { code: result.code, tip: row! };
}

describe("the public status page", () => {
  it("shows the state by code and nothing personal, however the code is typed", async () => {
    const { code } = await newTip();
    const anonymous = callerFor(t.db, null);
    const typed = `${code.slice(0, 5).toLowerCase()} - ${code.slice(5)}`;
    const status = await anonymous.tip.status({ code: typed });
    expect(status).toEqual({ code: `${code.slice(0, 5)}-${code.slice(5)}`, status: "received", createdAt: expect.any(Date), triagedAt: null, problemStatus: null, closedAt: null });
    const text = JSON.stringify(status);
    for (const secret of ["焚烧", "长塘村", "13800001111", "月塘"]) expect(text).not.toContain(secret);
  });

  it("tells a malformed code from an unknown one", async () => {
    const anonymous = callerFor(t.db, null);
    expect((await expectTRPCError(anonymous.tip.status({ code: "ABC" }), "BAD_REQUEST")).shape.message).toBe("查询码应为 10 位字母和数字");
    expect((await expectTRPCError(anonymous.tip.status({ code: "2222222222" }), "NOT_FOUND")).shape.message).toBe("未找到该查询码对应的线索，请核对后重试");
  });

  it("lists the areas a citizen may choose: counties and townships, no city", async () => {
    const areas = await callerFor(t.db, null).tip.areas();
    expect(areas.map((a) => a.level).every((l) => l === "county" || l === "township")).toBe(true);
    expect(areas.map((a) => a.id)).toEqual(expect.arrayContaining([org.countyA.id, org.townA1.id, org.townB1.id]));
    expect(areas.map((a) => a.id)).not.toContain(org.city.id);
  });
});

describe("triage by staff", () => {
  it("shows tips routed to committees in scope only, with contact and photos for staff", async () => {
    const { tip } = await newTip(org.townA1.id);
    const { tip: other } = await newTip(org.townB1.id);
    const seen = async (user: User) => (await callerFor(t.db, user.id).tip.list({})).items.map((i) => i.id);
    expect(await seen(org.users.countyA)).toContain(tip.id);
    expect(await seen(org.users.countyA)).not.toContain(other.id);
    expect(await seen(org.users.liaisonA1)).toContain(tip.id);
    expect(await seen(org.users.liaisonA2)).not.toContain(tip.id);
    expect(await seen(org.users.cityStaff)).toEqual(expect.arrayContaining([tip.id, other.id]));
    expect(await seen(org.users.otherCityStaff)).toEqual([]);
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).tip.list({}), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).tip.byId({ id: tip.id }), "NOT_FOUND");

    const detail = await callerFor(t.db, org.users.countyA.id).tip.byId({ id: tip.id });
    expect(detail).toMatchObject({ contact: "13800001111", committeeName: "月塘街道", canTriage: true });
    expect(detail.photos).toHaveLength(1);
    expect(detail).not.toHaveProperty("ipHash");
    const listed = (await callerFor(t.db, org.users.countyA.id).tip.list({ search: tip.code.toLowerCase() })).items;
    expect(listed.map((i) => [i.id, i.areaName, i.photos])).toEqual([[tip.id, "荷塘区政协 月塘街道", 1]]);
  });

  it("turns a tip into a problem raised by the triaging committee, linked both ways", async () => {
    const { tip, code } = await newTip(org.townA1.id);
    const county = callerFor(t.db, org.users.countyA.id);
    const result = await county.tip.convert({
      id: tip.id,
      version: tip.version,
      problem: { title: "长塘村后山焚烧电子垃圾", description: tip.content, category: "air", location: tip.location, committeeId: org.townA1.id, departmentId: cityDept, deadline: null, attachmentIds: [] },
    });
    expect(result).toMatchObject({ status: "converted", version: 2 });
    const [p] = await t.db.select().from(problems).where(eq(problems.id, result.problemId));
    expect(p).toMatchObject({ source: "tip", sourceId: tip.id, raisingCommitteeId: org.countyA.id, committeeId: org.townA1.id, status: "pending" });
    const [after] = await t.db.select().from(tips).where(eq(tips.id, tip.id));
    expect(after).toMatchObject({ status: "converted", problemId: p!.id, triagedBy: org.users.countyA.id });
    expect(after!.triagedAt).toBeInstanceOf(Date);
    const [created] = await t.db.select().from(problemEvents).where(eq(problemEvents.problemId, p!.id));
    expect(created).toMatchObject({ type: "created", comment: `${code.slice(0, 5)}-${code.slice(5)}` });

    const detail = await county.problem.byId({ id: p!.id });
    expect(detail.tip).toMatchObject({ id: tip.id, code });
    expect(detail.tip!.attachments).toHaveLength(1);

    // The status page follows the problem; still nothing personal.
    const status = await callerFor(t.db, null).tip.status({ code });
    expect(status).toMatchObject({ status: "converted", problemStatus: "pending" });
    expect(JSON.stringify(status)).not.toContain("长塘村");

    const again = await expectTRPCError(county.tip.dismiss({ id: tip.id, version: 2, reason: "重复" }), "BAD_REQUEST");
    expect(again.shape.message).toBe("该线索已处理（已转为问题办理）");
  });

  it("dismisses a tip with a reason; the public sees only the state", async () => {
    const { tip, code } = await newTip(org.countyA.id);
    const county = callerFor(t.db, org.users.countyA.id);
    const missing = await expectTRPCError(county.tip.dismiss({ id: tip.id, version: 1, reason: "" }), "BAD_REQUEST");
    expect(missing.shape.data.fieldErrors?.reason).toEqual(["此项为必填项"]);
    await county.tip.dismiss({ id: tip.id, version: 1, reason: "经核实为正常生产作业，已向举报人说明" });
    const [row] = await t.db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row).toMatchObject({ status: "dismissed", dismissReason: "经核实为正常生产作业，已向举报人说明", version: 2 });
    const status = await callerFor(t.db, null).tip.status({ code });
    expect(status).toMatchObject({ status: "dismissed", problemStatus: null });
    expect(JSON.stringify(status)).not.toContain("正常生产");
  });

  it("lets one of two staff triaging at once win; the other gets CONFLICT, and no second problem is made", async () => {
    const { tip } = await newTip(org.townA1.id);
    const problemFields = { title: "焚烧电子垃圾", description: "d", category: "air" as const, location: "l", committeeId: org.townA1.id, departmentId: null, deadline: null, attachmentIds: [] };
    const results = await Promise.allSettled([
      callerFor(t.db, org.users.countyA.id).tip.convert({ id: tip.id, version: 1, problem: problemFields }),
      callerFor(t.db, org.users.countyA2.id).tip.dismiss({ id: tip.id, version: 1, reason: "重复举报" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect((lost.reason as { code: string }).code).toBe("CONFLICT");
    const made = await t.db.select().from(problems).where(and(eq(problems.source, "tip"), eq(problems.sourceId, tip.id)));
    const [row] = await t.db.select().from(tips).where(eq(tips.id, tip.id));
    expect(made.length).toBe(row!.status === "converted" ? 1 : 0);
  });

  it("refuses triage out of scope, by members, and conversion into an area out of scope", async () => {
    const { tip } = await newTip(org.townA1.id);
    const problemFields = { title: "焚烧电子垃圾", description: "d", category: "air" as const, location: "l", committeeId: org.countyB.id, departmentId: null, deadline: null, attachmentIds: [] };
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).tip.dismiss({ id: tip.id, version: 1, reason: "x" }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).tip.dismiss({ id: tip.id, version: 1, reason: "x" }), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).tip.convert({ id: tip.id, version: 1, problem: problemFields }), "BAD_REQUEST");
    const [row] = await t.db.select().from(tips).where(eq(tips.id, tip.id));
    expect(row).toMatchObject({ status: "received", version: 1, problemId: null });
  });

  it("lets staff in scope, and those who see the problem it became, download its photos; nobody else", async () => {
    const { tip } = await newTip(org.townA1.id);
    const [photo] = await t.db.select().from(attachments).where(and(eq(attachments.ownerType, "tip"), eq(attachments.ownerId, tip.id)));
    const viewer = async (user: User) => (await createContext({ db: t.db, session: { userId: user.id, sessionId: randomUUID(), sessionVersion: 0 }, headers: new Headers() }).viewer())!;
    const can = async (user: User) => (await readableAttachment(t.db, await viewer(user), photo!.id)) !== null;
    expect(await can(org.users.countyA)).toBe(true);
    expect(await can(org.users.liaisonA1)).toBe(true);
    expect(await can(org.users.cityStaff)).toBe(true);
    expect(await can(org.users.countyB)).toBe(false);
    expect(await can(org.users.liaisonA2)).toBe(false);
    expect(await can(org.users.memberA)).toBe(false);
  });
});
