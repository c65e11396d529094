import ExcelJS from "exceljs";
import { fail } from "../trpc";
import { SHANGHAI_OFFSET_MS } from "../domain/china-time";

/**
 * Every Excel export is built here: sheets from typed column definitions (Chinese header,
 * width, a format), a bold frozen header row with an autofilter, and a closing 「导出说明」 sheet
 * naming what was exported, for whom and when. The header is always row 1 and the data follows
 * without gaps, so a sheet can be filtered, sorted and (for the roster) imported again.
 */

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CREATOR = "专项民主监督协同平台";

/** The most rows one export may hold; more is refused with a message rather than cut short. */
export const EXPORT_MAX_ROWS = 20_000;

/** The largest query an export runs: one row more than it may hold, to know that it overflowed. */
export const EXPORT_QUERY_LIMIT = EXPORT_MAX_ROWS + 1;

/** Refuses an export whose rows exceed the cap (PAYLOAD_TOO_LARGE, "narrow the filters"). */
export function capRows<T>(rows: readonly T[], max = EXPORT_MAX_ROWS): readonly T[] {
  if (rows.length > max) fail("PAYLOAD_TOO_LARGE", "export.tooManyRows", { max });
  return rows;
}

/** What a cell may hold: never a formula object, so nothing a user typed can become one. */
export type CellValue = string | number | Date | boolean | null | undefined;

/**
 * text: as typed, in text format; int/decimal/percent: numbers; date: a calendar day ("2026-05-11" or a Date at
 * midnight UTC); datetime: an instant shown in China's time.
 */
export type ColumnFormat = "text" | "int" | "decimal" | "percent" | "date" | "datetime";

export interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => CellValue;
  format?: ColumnFormat;
}

const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  /** Text columns are formatted as text: what is typed into them later stays text too. */
  text: "@",
  int: "0",
  decimal: "0.00",
  percent: '0"%"',
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
};


/**
 * Excel has no time zones: a cell shows the wall-clock time it is given. exceljs writes a Date's
 * UTC fields, so an instant is moved by +8 h to show as China's time.
 */
export function chinaWallClock(instant: Date): Date {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** "2026-05-11" → that day at midnight UTC, which Excel shows as 2026-05-11. */
export function calendarDay(date: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Text a spreadsheet could take for a formula (= + - @, and the tab/CR tricks): stored as a
 * string cell (never a formula) with the text number format, so that editing the cell in Excel
 * keeps it text instead of evaluating it.
 */
export const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text);

function cellValue(value: CellValue, format: ColumnFormat): ExcelJS.CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (format === "date" && typeof value === "string") return calendarDay(value);
  if (format === "datetime" && value instanceof Date) return chinaWallClock(value);
  return value;
}

export interface SheetSpec<T> {
  name: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** Style a data row after it is written (e.g. mark gaps); the row's number and its record. */
  decorate?: (row: ExcelJS.Row, record: T) => void;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };

/** Adds one data sheet: header row, typed cells, frozen header, autofilter. */
export function addSheet<T>(workbook: ExcelJS.Workbook, spec: SheetSpec<T>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
  spec.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).numFmt = NUMBER_FORMATS[c.format ?? "text"];
  });
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: "middle", wrapText: true };
  head.fill = HEADER_FILL;
  for (const record of spec.rows) {
    const row = sheet.addRow(spec.columns.map((c) => cellValue(c.value(record), c.format ?? "text")));
    row.eachCell((cell) => {
      if (typeof cell.value === "string" && looksLikeFormula(cell.value)) cell.numFmt = "@";
    });
    spec.decorate?.(row, record);
  }
  if (spec.columns.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  return sheet;
}

/** "2026-05-11 14:30" in China's time. */
export function chinaDateTimeText(at: Date | null): string {
  if (!at) return "";
  return chinaWallClock(at).toISOString().slice(0, 16).replace("T", " ");
}

export interface ExportMeta {
  /** What the file holds, e.g. 监督任务. */
  title: string;
  /** The filters in force, as people read them ("专项：…", "状态：已上报"); empty: none. */
  filters?: readonly string[];
  generatedAt?: Date;
}

/** A new workbook with the platform as its author. */
export function newWorkbook(meta: ExportMeta): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = CREATOR;
  workbook.title = meta.title;
  workbook.created = meta.generatedAt ?? new Date();
  return workbook;
}

/** The closing 导出说明 sheet: title, filters, time and row counts, for whoever the file is forwarded to. */
export function addAboutSheet(workbook: ExcelJS.Workbook, meta: ExportMeta): void {
  const about = workbook.addWorksheet("导出说明");
  about.columns = [{ width: 14 }, { width: 60 }];
  const lines: [string, string][] = [
    ["内容", meta.title],
    ["筛选条件", meta.filters?.length ? meta.filters.join("；") : "无（全部）"],
    ["导出时间", chinaDateTimeText(meta.generatedAt ?? new Date())],
    ...workbook.worksheets.filter((s) => s !== about).map((s): [string, string] => [`「${s.name}」行数`, String(Math.max(0, s.rowCount - 1))]),
    ["说明", `数据范围为导出人有权查看的组织；每次最多导出 ${EXPORT_MAX_ROWS} 行。`],
  ];
  lines.forEach(([k, v]) => {
    const row = about.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).numFmt = "@";
  });
}

/** One data sheet or more, then the about sheet, as the bytes of an .xlsx file. */
export async function writeWorkbook(meta: ExportMeta, build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = newWorkbook(meta);
  build(workbook);
  addAboutSheet(workbook, meta);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** An export ready to send: its base name (the route adds the date) and bytes. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}
