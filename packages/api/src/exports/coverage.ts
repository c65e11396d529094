import type ExcelJS from "exceljs";
import { type CellState, type CoverageRow, cellsOf, gapsOf, type MonthPhase } from "../domain/coverage";
import type { CoveragePeriodInput } from "../schemas/coverage";
import type { Caller } from "./caller";
import { COMMITTEE_LEVEL_LABELS } from "./labels";
import { addSheet, type Column, type ExportFile, writeWorkbook } from "./workbook";

/**
 * 活动覆盖: the matrix as the page shows it — the caller's committee, each child (a county with
 * its townships rolled in) followed by its breakdown — one column per month, the row's total and
 * its 缺月 (gaps), then a 合计 row. Gaps (a month gone by with nothing held) are filled red.
 */

interface MatrixLine {
  name: string;
  /** A row of a county's breakdown: indented under it, as on the page. */
  nested: boolean;
  level: string;
  /** 本级 (the committee's own activities) or 含乡镇（街道） (its whole subtree), as the page labels them. */
  basis: string;
  counts: number[];
  cells: (CellState | null)[];
  gaps: number | null;
  total: boolean;
}

const BASIS = { own: "本级", subtree: "含乡镇（街道）" } as const;

function line(row: CoverageRow, indent: boolean, months: readonly { phase: MonthPhase }[]): MatrixLine {
  return {
    name: row.name,
    nested: indent,
    level: COMMITTEE_LEVEL_LABELS[row.level],
    basis: BASIS[row.kind],
    counts: row.counts,
    cells: cellsOf(row.counts, months),
    gaps: gapsOf(row.counts, months),
    total: false,
  };
}

const GAP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFEE2E2" } };
const HELD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFECFDF5" } };
const FIRST_MONTH_COLUMN = 4;

export async function coverageExport(api: Caller, period: CoveragePeriodInput): Promise<ExportFile> {
  const m = await api.coverage.matrix(period);
  const lines: MatrixLine[] = m.rows.flatMap((row) => [line(row, false, m.months), ...(row.children ?? []).map((child) => line(child, true, m.months))]);
  lines.push({ name: "合计", nested: false, level: "", basis: "", counts: m.total, cells: m.total.map(() => null), gaps: null, total: true });
  const columns: Column<MatrixLine>[] = [
    { header: "组织", width: 18, value: (l) => l.name },
    { header: "层级", width: 12, value: (l) => l.level },
    { header: "口径", width: 14, value: (l) => l.basis },
    // A month not begun is left empty (the page shows a dash), not 0.
    ...m.months.map(({ month, phase }, i): Column<MatrixLine> => ({ header: month, width: 9, value: (l) => (phase === "future" ? null : (l.counts[i] ?? 0)), format: "int" })),
    { header: "合计", width: 8, value: (l) => l.counts.reduce((s, n) => s + n, 0), format: "int" },
    { header: "缺月", width: 8, value: (l) => l.gaps, format: "int" },
  ];
  const periodText = m.campaign ? `专项：${m.campaign.title}` : `年度：${m.year}年（全部专项）`;
  const bytes = await writeWorkbook(
    { title: "监督活动覆盖情况（已举办活动数）", filters: [periodText, "缺月：已过去且未举办活动的月份，以红色标出"] },
    (workbook) => {
      addSheet(workbook, {
        name: "活动覆盖",
        columns,
        rows: lines,
        decorate: (row, l) => {
          if (l.total) row.font = { bold: true };
          if (l.nested) row.getCell(1).alignment = { indent: 2 };
          l.cells.forEach((state, i) => {
            const cell = row.getCell(FIRST_MONTH_COLUMN + i);
            if (state === "gap") {
              cell.fill = GAP_FILL;
              cell.font = { bold: true, color: { argb: "FFB91C1C" } };
            } else if (state === "held") cell.fill = HELD_FILL;
          });
        },
      });
    },
  );
  return { name: m.campaign ? "活动覆盖" : `活动覆盖-${m.year}年`, bytes };
}
