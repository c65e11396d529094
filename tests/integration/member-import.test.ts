import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRosterFile, writeRosterFile } from "@dm/api/domain/member-workbook";
import { asc, count, eq, inArray, sql } from "@dm/db";
import { auditEvents, members } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createMember, createOrg, nextPhone, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;

const HEADERS = ["姓名", "性别", "界别", "政治面貌", "委员层级", "手机号", "工作单位及职务", "所属组织"];

/** An .xlsx file as a person would fill in the template: a header row, then one member per row. */
async function workbook(rows: (string | number)[][], headers = HEADERS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("委员名册");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

async function memberCount() {
  const [row] = await t.db.select({ n: count() }).from(members);
  return row!.n;
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
});

afterAll(async () => {
  await t?.cleanup();
});

describe("import preview and commit", () => {
  let file: string;
  let phones: string[];
  let onRoster: string;

  beforeAll(async () => {
    onRoster = (await createMember(t.db, { committeeId: org.countyB.id, name: "芦淞已有" })).phone;
    phones = [nextPhone(), nextPhone(), nextPhone(), nextPhone(), nextPhone()];
    file = await workbook([
      ["易建平", "男", "民盟", "民盟盟员", "县市区政协委员", phones[0]!, "荷塘区人民医院 副院长", "荷塘区政协"],
      ["", "女", "教育界", "群众", "县市区政协委员", phones[1]!, "", "月塘街道"], // row 3: no name
      ["贺丽", "女", "教育界", "群众", "市政协委员", "1380000", "", "月塘街道"], // row 4: bad phone
      ["龙海", "男", "火星界", "群众", "县市区政协委员", phones[2]!, "", "仙庾镇"], // row 5: unknown sector
      ["邓涛", "男", "经济界", "群众", "县市区政协委员", phones[3]!, "", "芦淞区政协"], // row 6: outside scope
      ["易建平二", "男", "民盟", "民盟盟员", "县市区政协委员", phones[0]!, "", ""], // row 7: phone repeats row 2
      ["彭芳", "女", "妇联", "中共党员", "县市区政协委员", onRoster, "", ""], // row 8: phone on the roster
      ["曾斌", "男", "科协", "九三学社社员", "省", Number(phones[4]), "仙庾镇中学", "仙庾镇"], // phone typed as a number
      ["唐敏", "女", "医药卫生界", "农工党党员", "全国政协委员", nextPhone(), "", ""], // blank committee: the caller's own
    ]);
  });

  it("lists every row's problems by row, column and reason, and writes nothing", async () => {
    const before = await memberCount();
    const [auditsBefore] = await t.db.select({ n: count() }).from(auditEvents);
    const preview = await callerFor(t.db, org.users.countyA.id).member.importPreview({ file });
    expect(preview).toMatchObject({ total: 9, valid: 3, invalid: 6 });
    const problems = preview.rows.filter((r) => !r.ok).map((r) => ({ row: r.row, issues: r.issues }));
    expect(problems).toEqual([
      { row: 3, issues: [{ column: "姓名", reason: "必填" }] },
      { row: 4, issues: [{ column: "手机号", reason: "“1380000”不是 11 位手机号" }] },
      { row: 5, issues: [{ column: "界别", reason: "未知的界别“火星界”" }] },
      { row: 6, issues: [{ column: "所属组织", reason: "“芦淞区政协”不在您的管辖范围内" }] },
      { row: 7, issues: [{ column: "手机号", reason: `手机号 ${phones[0]} 与第 2 行重复` }] },
      { row: 8, issues: [{ column: "手机号", reason: `手机号 ${onRoster} 已在委员名册中` }] },
    ]);
    expect(preview.rows.filter((r) => r.ok).map((r) => [r.row, r.committeeName])).toEqual([
      [2, "荷塘区政协"],
      [9, "仙庾镇"],
      [10, "荷塘区政协"],
    ]);
    expect(await memberCount()).toBe(before);
    expect((await t.db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(auditsBefore!.n);
  });

  it("answers in English for an English caller", async () => {
    const preview = await callerFor(t.db, org.users.countyA.id, { locale: "en" }).member.importPreview({ file });
    expect(preview.rows.find((r) => r.row === 5)!.issues).toEqual([{ column: "界别", reason: "Unknown sector “火星界”" }]);
  });

  it("writes the valid rows in one go, reports the rest, and never doubles a phone", async () => {
    const before = await memberCount();
    const result = await callerFor(t.db, org.users.countyA.id).member.importCommit({ file });
    expect(result).toMatchObject({ created: 3, valid: 3, invalid: 6 });
    expect(await memberCount()).toBe(before + 3);
    const written = await t.db.select().from(members).where(inArray(members.name, ["易建平", "曾斌", "唐敏", "易建平二", "贺丽", "龙海", "邓涛", "彭芳", ""])).orderBy(asc(members.id));
    expect(written.map((m) => [m.name, m.committeeId, m.level])).toEqual([
      ["易建平", org.countyA.id, "county"],
      ["曾斌", org.townA2.id, "provincial"],
      ["唐敏", org.countyA.id, "national"],
    ]);
    expect(written[1]!.phone).toBe(phones[4]);
    const [{ n: samePhone }] = (await t.db.select({ n: count() }).from(members).where(eq(members.phone, phones[0]!))) as [{ n: number }];
    expect(samePhone).toBe(1);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "member.import"));
    expect(event).toMatchObject({ actorUserId: org.users.countyA.id, entityType: "member" });
    expect(event!.after).toMatchObject({ count: 3, skippedRows: [3, 4, 5, 6, 7, 8] });

    // The same file again: every row is now a duplicate or still invalid; nothing is added.
    const again = await callerFor(t.db, org.users.countyA.id).member.importCommit({ file });
    expect(again).toMatchObject({ created: 0, valid: 0 });
    expect(again.rows.find((r) => r.row === 2)!.issues).toEqual([{ column: "手机号", reason: `手机号 ${phones[0]} 已在委员名册中` }]);
    expect(await memberCount()).toBe(before + 3);
  });

  it("checks the file again on commit: a phone added since the preview is reported, not doubled", async () => {
    const phone = nextPhone();
    const late = await workbook([["后到委员", "男", "民建", "民建会员", "县市区政协委员", phone, "", ""]]);
    expect((await callerFor(t.db, org.users.countyA.id).member.importPreview({ file: late })).valid).toBe(1);
    await createMember(t.db, { committeeId: org.countyA.id, name: "抢先登记", phone });
    const result = await callerFor(t.db, org.users.countyA.id).member.importCommit({ file: late });
    expect(result).toMatchObject({ created: 0, invalid: 1 });
    expect((await t.db.select({ n: count() }).from(members).where(eq(members.phone, phone)))[0]!.n).toBe(1);
  });

  it("writes all valid rows or none: a failure on the last row leaves the first ones unwritten", async () => {
    // A trigger refuses one name, as the unique index would if another import won the race.
    await t.db.execute(sql.raw(`
      create function refuse_member() returns trigger language plpgsql as $$
      begin
        if new.name = '最后一行' then raise exception 'duplicate' using errcode = 'unique_violation', constraint = 'members_phone_uq'; end if;
        return new;
      end $$;
      create trigger refuse_member before insert on members for each row execute function refuse_member();`));
    try {
      const before = await memberCount();
      const rows = Array.from({ length: 4 }, (_, i) => [i === 3 ? "最后一行" : `批量委员${i}`, "男", "工商联", "群众", "县市区政协委员", nextPhone(), "", ""]);
      const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.importCommit({ file: await workbook(rows) }), "CONFLICT");
      expect(shape.message).toBe("导入期间名册有变动，请重新预览后再导入");
      expect(await memberCount()).toBe(before);
    } finally {
      await t.db.execute(sql.raw("drop trigger refuse_member on members; drop function refuse_member();"));
    }
  });
});

describe("import limits and bad files", () => {
  it("refuses more rows than allowed, with the limit in the message", async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => [`委员${i}`, "男", "工商联", "群众", "县市区政协委员", `1370000${String(i).padStart(4, "0")}`, "", ""]);
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.importPreview({ file: await workbook(rows) }), "BAD_REQUEST");
    expect(shape.message).toBe("每次最多导入 1000 行，请分批导入");
  });

  it("refuses a file over 1 MB before reading it", async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 1).toString("base64");
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.importPreview({ file: big }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ file: ["文件不能超过 1 MB"] });
  });

  it("refuses a file that is not a workbook, and one without the template's headers", async () => {
    const text = Buffer.from("姓名,手机号\n张三,13900000000").toString("base64");
    const notXlsx = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.importPreview({ file: text }), "BAD_REQUEST");
    expect(notXlsx.shape.message).toBe("无法读取该文件，请上传 Excel（.xlsx）文件");
    const headless = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.importPreview({ file: await workbook([["张三", "13900000000"]], ["名字", "电话"]) }), "BAD_REQUEST");
    expect(headless.shape.message).toBe("缺少表头：姓名、性别、界别、政治面貌、委员层级、手机号、所属组织（请使用导入模板）");
  });

  it("is for staff who keep the roster: leaders and members are refused", async () => {
    const file = await workbook([["张三", "男", "工商联", "群众", "县市区政协委员", nextPhone(), "", ""]]);
    await expectTRPCError(callerFor(t.db, org.users.cityLeader.id).member.importCommit({ file }), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).member.importPreview({ file }), "FORBIDDEN");
  });
});

describe("export", () => {
  it("writes the filtered roster of the caller's scope, and reads back row for row", async () => {
    const caller = callerFor(t.db, org.users.countyA.id);
    const listed = await caller.member.list({ pageSize: 50 });
    const rows = await caller.member.exportRows({});
    expect(rows).toHaveLength(listed.total);
    const read = await readRosterFile(await writeRosterFile(rows), 5000);
    if (!read.ok) throw new Error(read.key);
    expect(read.rows.map((r) => [r.values.name, r.values.phone, r.values.committee])).toEqual(listed.items.map((m) => [m.name, m.phone, m.committeeName]));
    expect(read.rows.every((r) => ["荷塘区政协", "月塘街道", "仙庾镇"].includes(r.values.committee))).toBe(true);
    // The file is the import template's shape: it imports again (every row already on the roster).
    const preview = await caller.member.importPreview({ file: Buffer.from(await writeRosterFile(rows)).toString("base64") });
    expect(preview.invalid).toBe(rows.length);
    expect(preview.rows.every((r) => r.issues.length === 1 && r.issues[0]!.column === "手机号")).toBe(true);
  });

  it("follows the roster's filters and never leaves the scope", async () => {
    const found = await callerFor(t.db, org.users.countyA.id).member.exportRows({ search: "易建平" });
    expect(found.map((r) => r.name)).toEqual(["易建平"]);
    expect(found[0]).toMatchObject({ gender: "男", sector: "民盟", party: "民盟盟员", level: "county", workplace: "荷塘区人民医院 副院长", committeeName: "荷塘区政协" });
    expect(await callerFor(t.db, org.users.countyB.id).member.exportRows({ search: "易建平" })).toEqual([]);
    expect(await callerFor(t.db, org.users.countyA.id).member.exportRows({ committeeId: org.countyB.id })).toEqual([]);
    const cityRows = await callerFor(t.db, org.users.cityStaff.id).member.exportRows({ committeeId: org.countyB.id });
    expect(cityRows.map((r) => r.name)).toContain("芦淞已有");
  });

  it("is refused to city leaders and members", async () => {
    await expectTRPCError(callerFor(t.db, org.users.cityLeader.id).member.exportRows({}), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).member.exportRows({}), "FORBIDDEN");
  });
});
