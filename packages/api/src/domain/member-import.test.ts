import { describe, expect, it } from "vitest";
import { generatePassword, parseMemberLevel, statusTransition } from "./member";
import { checkImportRows, type ImportLookups, normalizePhone } from "./member-import";
import { readRosterFile, type RosterRowText, writeRosterFile, writeRosterTemplate } from "./member-workbook";

const lookups: ImportLookups = {
  committees: [
    { id: 1, name: "株洲市政协", shortName: "市政协", inScope: false },
    { id: 2, name: "荷塘区政协", shortName: "荷塘区", inScope: true },
    { id: 3, name: "月塘街道", shortName: "月塘街道", inScope: true },
    { id: 4, name: "芦淞区政协", shortName: "芦淞区", inScope: false },
  ],
  defaultCommitteeId: 2,
  rosterPhones: new Set(["13900000009"]),
};

const good: RosterRowText = { name: "张三", gender: "男", sector: "民盟", party: "民盟盟员", level: "县市区政协委员", phone: "13900000001", workplace: "某中学 教师", committee: "月塘街道" };
const row = (n: number, values: Partial<RosterRowText>) => ({ row: n, values: { ...good, ...values } });

describe("checkImportRows", () => {
  it("accepts a complete row and resolves its committee", () => {
    const [checked] = checkImportRows([row(2, {})], lookups);
    expect(checked!.issues).toEqual([]);
    expect(checked!.member).toEqual({ name: "张三", gender: "男", sector: "民盟", party: "民盟盟员", level: "county", phone: "13900000001", workplace: "某中学 教师", committeeId: 3 });
  });

  it("puts a member with a blank committee in the caller's own committee", () => {
    const [checked] = checkImportRows([row(2, { committee: "" })], lookups);
    expect(checked!.member?.committeeId).toBe(2);
    expect(checked!.committeeName).toBe("荷塘区政协");
  });

  it("reports every problem of a row by column", () => {
    const [checked] = checkImportRows([row(5, { name: "", gender: "未知", sector: "火星界", party: "", level: "乡镇", phone: "12345", committee: "芦淞区政协" })], lookups);
    expect(checked!.member).toBeNull();
    expect(checked!.issues).toEqual([
      { column: "姓名", key: "memberImport.required", params: undefined },
      { column: "性别", key: "memberImport.badGender", params: { value: "未知" } },
      { column: "界别", key: "memberImport.unknownSector", params: { value: "火星界" } },
      { column: "政治面貌", key: "memberImport.required", params: undefined },
      { column: "委员层级", key: "memberImport.unknownLevel", params: { value: "乡镇" } },
      { column: "手机号", key: "memberImport.badPhone", params: { value: "12345" } },
      { column: "所属组织", key: "memberImport.committeeOutOfScope", params: { value: "芦淞区政协" } },
    ]);
  });

  it("tells an unknown committee from one outside the scope", () => {
    const [checked] = checkImportRows([row(2, { committee: "火星区政协" })], lookups);
    expect(checked!.issues).toEqual([{ column: "所属组织", key: "memberImport.unknownCommittee", params: { value: "火星区政协" } }]);
  });

  it("reports a phone repeated within the file (naming the first row) and one already on the roster", () => {
    const checked = checkImportRows([row(2, {}), row(3, { name: "李四" }), row(4, { name: "王五", phone: "13900000009" })], lookups);
    expect(checked.map((c) => Boolean(c.member))).toEqual([true, false, false]);
    expect(checked[1]!.issues).toEqual([{ column: "手机号", key: "memberImport.phoneRepeated", params: { value: "13900000001", row: 2 } }]);
    expect(checked[2]!.issues).toEqual([{ column: "手机号", key: "memberImport.phoneOnRoster", params: { value: "13900000009" } }]);
  });

  it("cleans phones typed with spaces, dashes, +86 or full-width digits", () => {
    expect(normalizePhone("139 0000-0001")).toBe("13900000001");
    expect(normalizePhone("+8613900000001")).toBe("13900000001");
    expect(normalizePhone("１３９００００００01")).toBe("13900000001");
  });
});

describe("member rules", () => {
  it("reads member levels in their full and short forms", () => {
    expect(parseMemberLevel("全国政协委员")).toBe("national");
    expect(parseMemberLevel("省")).toBe("provincial");
    expect(parseMemberLevel("市级")).toBe("city");
    expect(parseMemberLevel("县市区政协委员")).toBe("county");
    expect(parseMemberLevel("county")).toBe("county");
    expect(parseMemberLevel("乡镇")).toBeNull();
  });

  it("deactivates only active members and reactivates only inactive ones", () => {
    expect(statusTransition(true, "deactivate")).toEqual({ ok: true, active: false });
    expect(statusTransition(false, "deactivate")).toEqual({ ok: false });
    expect(statusTransition(false, "reactivate")).toEqual({ ok: true, active: true });
    expect(statusTransition(true, "reactivate")).toEqual({ ok: false });
  });

  it("generates passwords that meet the policy and differ each time", () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
    expect(generatePassword()).not.toBe(a);
  });
});

describe("roster files", () => {
  it("reads back what the export wrote, by header", async () => {
    const bytes = await writeRosterFile([{ name: "张三", gender: "男", sector: "民盟", party: "民盟盟员", level: "city", phone: "13900000001", workplace: "某中学", committeeName: "荷塘区政协" }]);
    const read = await readRosterFile(bytes, 10);
    expect(read).toEqual({ ok: true, rows: [{ row: 2, values: { name: "张三", gender: "男", sector: "民盟", party: "民盟盟员", level: "市政协委员", phone: "13900000001", workplace: "某中学", committee: "荷塘区政协" } }] });
  });

  it("refuses a file that is not a workbook, one without the headers, and one with too many rows", async () => {
    expect(await readRosterFile(new TextEncoder().encode("姓名,手机号"), 10)).toEqual({ ok: false, key: "memberImport.unreadable" });
    const template = await writeRosterTemplate(["荷塘区政协"]);
    expect(await readRosterFile(template, 10)).toEqual({ ok: false, key: "memberImport.empty" });
    const rows = Array.from({ length: 3 }, (_, i) => ({ name: `委员${i}`, gender: "男", sector: "民盟", party: "民盟盟员", level: "city" as const, phone: `1390000000${i}`, workplace: "", committeeName: "荷塘区政协" }));
    expect(await readRosterFile(await writeRosterFile(rows), 2)).toEqual({ ok: false, key: "memberImport.tooManyRows", params: { max: 2 } });
  });
});
