import ExcelJS from "exceljs";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { errorText } from "../trpc";
import { addSheet, calendarDay, capRows, chinaDateTimeText, chinaWallClock, type Column, looksLikeFormula, writeWorkbook } from "./workbook";

interface Row {
  name: string;
  n: number;
  day: string;
  at: Date | null;
}

const COLUMNS: Column<Row>[] = [
  { header: "名称", width: 20, value: (r) => r.name },
  { header: "数量", width: 8, value: (r) => r.n, format: "int" },
  { header: "日期", width: 12, value: (r) => r.day, format: "date" },
  { header: "时间", width: 17, value: (r) => r.at, format: "datetime" },
];

async function load(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe("the shared workbook", () => {
  it("writes a header row, typed cells, a frozen header, an autofilter and an about sheet", async () => {
    const rows: Row[] = [{ name: "醴陵市政协", n: 3, day: "2026-05-11", at: new Date("2026-05-11T06:30:00Z") }];
    const workbook = await load(await writeWorkbook({ title: "测试导出", filters: ["状态：已上报"] }, (wb) => addSheet(wb, { name: "数据", columns: COLUMNS, rows })));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["数据", "导出说明"]);
    const sheet = workbook.getWorksheet("数据")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["名称", "数量", "日期", "时间"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe("醴陵市政协");
    expect(row.getCell(2).value).toBe(3);
    // Dates are real dates: the calendar day, and the instant at China's wall-clock time (14:30).
    expect((row.getCell(3).value as Date).toISOString()).toBe("2026-05-11T00:00:00.000Z");
    expect((row.getCell(4).value as Date).toISOString()).toBe("2026-05-11T14:30:00.000Z");
    expect(row.getCell(4).numFmt).toBe("yyyy-mm-dd hh:mm");
    const about = workbook.getWorksheet("导出说明")!;
    const lines = Object.fromEntries(about.getSheetValues().slice(1).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(lines).toMatchObject({ 内容: "测试导出", 筛选条件: "状态：已上报", "「数据」行数": "1" });
  });

  it("writes text that looks like a formula as a text cell, never a formula", async () => {
    const nasty = ["=SUM(1,2)", "+86 123", "-1+1", "@cmd", "=HYPERLINK(\"http://x\",\"点我\")"];
    const workbook = await load(await writeWorkbook({ title: "t" }, (wb) => addSheet(wb, { name: "数据", columns: COLUMNS, rows: nasty.map((name) => ({ name, n: 0, day: "2026-01-01", at: null })) })));
    const sheet = workbook.getWorksheet("数据")!;
    nasty.forEach((text, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe("@");
    });
    expect(sheet.getRow(2).getCell(4).value).toBeNull();
  });

  it("refuses more rows than the cap, saying so in the caller's language", () => {
    expect(capRows([1, 2, 3], 3)).toEqual([1, 2, 3]);
    let refused: unknown;
    try {
      capRows([1, 2, 3, 4], 3);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("PAYLOAD_TOO_LARGE");
    expect(errorText(refused as TRPCError, "zh-CN")).toBe("导出的数据超过 3 行，请缩小筛选范围后再导出");
    expect(errorText(refused as TRPCError, "en")).toBe("The export would hold more than 3 rows; narrow the filters and export again");
  });

  it("shows instants and days as China's calendar", () => {
    expect(looksLikeFormula("=1")).toBe(true);
    expect(looksLikeFormula("醴陵=1")).toBe(false);
    expect(chinaWallClock(new Date("2026-12-31T16:30:00Z")).toISOString()).toBe("2027-01-01T00:30:00.000Z");
    expect(chinaDateTimeText(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01 00:30");
    expect(calendarDay("2026-02-28").toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });
});
