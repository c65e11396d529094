import ExcelJS from "exceljs";
import { MEMBER_LEVELS, type MemberLevel, PARTIES, SECTORS } from "@dm/db/enums";
import { addSheet, type Column, newWorkbook, writeWorkbook } from "../exports/workbook";
import { MEMBER_LEVEL_LABELS } from "./member";

/**
 * Roster files (.xlsx): the import template, the export, and reading an uploaded file back into
 * rows of text. Columns are found by their Chinese header, so their order in a file may vary and
 * an exported roster can be imported again.
 */

export const ROSTER_COLUMNS = [
  { key: "name", header: "姓名", width: 12 },
  { key: "gender", header: "性别", width: 6 },
  { key: "sector", header: "界别", width: 14 },
  { key: "party", header: "政治面貌", width: 14 },
  { key: "level", header: "委员层级", width: 16 },
  { key: "phone", header: "手机号", width: 15 },
  { key: "workplace", header: "工作单位及职务", width: 36 },
  { key: "committee", header: "所属组织", width: 16 },
] as const;

export type RosterColumn = (typeof ROSTER_COLUMNS)[number]["key"];
export type RosterRowText = Record<RosterColumn, string>;
/** A data row of an uploaded file, with its row number as Excel shows it. */
export interface RosterFileRow {
  row: number;
  values: RosterRowText;
}

export const headerOf = (key: RosterColumn) => ROSTER_COLUMNS.find((c) => c.key === key)!.header;

const SHEET_NAME = "委员名册";
const OPTIONS_SHEET = "填写说明";

type ReadResult = { ok: true; rows: RosterFileRow[] } | { ok: false; key: "memberImport.unreadable" | "memberImport.noSheet" | "memberImport.empty" | "memberImport.tooManyRows"; params?: Record<string, unknown> } | { ok: false; key: "memberImport.missingColumns"; params: { columns: string } };

/** The text of a cell, whatever Excel stored: numbers (phones typed as numbers), rich text, links, formula results. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
  if ("hyperlink" in value) return String(value.text ?? "").trim();
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("error" in value) return "";
  return "";
}

/**
 * Reads the first sheet of an .xlsx file: a header row naming the columns, then one member per
 * row. Rows with no text at all are skipped; more than `maxRows` data rows refuse the file.
 */
export async function readRosterFile(bytes: Uint8Array, maxRows: number): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, key: "memberImport.unreadable" };
  }
  const sheet = workbook.worksheets.find((w) => w.name !== OPTIONS_SHEET);
  if (!sheet) return { ok: false, key: "memberImport.noSheet" };

  // The header row: the first row with any text.
  let headerRow = 0;
  for (let r = 1; r <= Math.min(sheet.rowCount, 10) && !headerRow; r++) {
    if (sheet.getRow(r).values && (sheet.getRow(r).values as ExcelJS.CellValue[]).some((v) => cellText(v) !== "")) headerRow = r;
  }
  if (!headerRow) return { ok: false, key: "memberImport.empty" };
  const columnOf = new Map<RosterColumn, number>();
  sheet.getRow(headerRow).eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/\s+/g, "").replace(/[*＊]/g, "");
    const column = ROSTER_COLUMNS.find((c) => c.header === text);
    if (column && !columnOf.has(column.key)) columnOf.set(column.key, col);
  });
  // 工作单位及职务 may be left out of a file; every other column is needed.
  const missing = ROSTER_COLUMNS.filter((c) => c.key !== "workplace" && !columnOf.has(c.key)).map((c) => c.header);
  if (missing.length) return { ok: false, key: "memberImport.missingColumns", params: { columns: missing.join("、") } };

  const rows: RosterFileRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, columnOf.has(c.key) ? cellText(row.getCell(columnOf.get(c.key)!).value) : ""])) as RosterRowText;
    if (Object.values(values).every((v) => v === "")) continue;
    rows.push({ row: r, values });
    if (rows.length > maxRows) return { ok: false, key: "memberImport.tooManyRows", params: { max: maxRows } };
  }
  if (rows.length === 0) return { ok: false, key: "memberImport.empty" };
  return { ok: true, rows };
}

export interface RosterExportRow {
  name: string;
  gender: string;
  sector: string;
  party: string;
  level: MemberLevel;
  phone: string;
  workplace: string;
  committeeName: string;
}

/** The template's columns as an export writes them (text columns are text: phones never become 1.99E+10). */
const ROSTER_EXPORT_COLUMNS: readonly Column<RosterExportRow>[] = ROSTER_COLUMNS.map((c) => ({
  header: c.header,
  width: c.width,
  value: (m: RosterExportRow) => (c.key === "level" ? MEMBER_LEVEL_LABELS[m.level] : c.key === "committee" ? m.committeeName : m[c.key]),
}));

/** The roster as an .xlsx file with the template's columns (so it can be edited and imported again). */
export async function writeRosterFile(rows: readonly RosterExportRow[], filters: readonly string[] = []): Promise<Uint8Array> {
  return writeWorkbook({ title: SHEET_NAME, filters }, (workbook) => addSheet(workbook, { name: SHEET_NAME, columns: ROSTER_EXPORT_COLUMNS, rows }));
}

/**
 * The import template: the header row, drop-down lists for the closed vocabularies (from a
 * second sheet that also explains each column) and `committees`, the names the caller may use.
 */
export async function writeRosterTemplate(committees: readonly string[], templateRows = 500): Promise<Uint8Array> {
  const workbook = newWorkbook({ title: "委员导入模板" });
  const sheet = addSheet(workbook, { name: SHEET_NAME, columns: ROSTER_EXPORT_COLUMNS, rows: [] });

  const options = workbook.addWorksheet(OPTIONS_SHEET);
  const lists: { header: string; values: readonly string[] }[] = [
    { header: "性别", values: ["男", "女"] },
    { header: "界别", values: SECTORS },
    { header: "政治面貌", values: PARTIES },
    { header: "委员层级", values: MEMBER_LEVELS.map((l) => MEMBER_LEVEL_LABELS[l]) },
    { header: "所属组织", values: committees },
  ];
  lists.forEach((list, i) => {
    const col = options.getColumn(i + 1);
    col.width = 22;
    options.getCell(1, i + 1).value = list.header;
    options.getCell(1, i + 1).font = { bold: true };
    list.values.forEach((v, j) => (options.getCell(j + 2, i + 1).value = v));
  });
  const notes = [
    "填写说明：",
    "1. 第一行为表头，请勿修改；从第二行起每行填写一名委员。",
    "2. 姓名、性别、界别、政治面貌、委员层级、手机号为必填项；所属组织不填时为您所在的组织。",
    "3. 性别、界别、政治面貌、委员层级、所属组织请从左侧列表（或单元格下拉框）中选择。",
    "4. 手机号为 11 位数字，不能与名册中已有委员重复。",
    `5. 每次最多导入 1000 行，文件不超过 1 MB。`,
  ];
  notes.forEach((n, i) => (options.getCell(i + 1, lists.length + 2).value = n));
  options.getColumn(lists.length + 2).width = 70;

  const listColumns: [RosterColumn, number][] = [["gender", 1], ["sector", 2], ["party", 3], ["level", 4], ["committee", 5]];
  for (const [key, optionCol] of listColumns) {
    const letter = options.getColumn(optionCol).letter;
    const count = Math.max(1, lists[optionCol - 1]!.values.length);
    const col = ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1;
    for (let r = 2; r <= templateRows + 1; r++) {
      sheet.getCell(r, col).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${count + 1}`],
        showErrorMessage: true,
        errorTitle: "请从列表中选择",
        error: `请从「${OPTIONS_SHEET}」工作表的列表中选择`,
      };
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
