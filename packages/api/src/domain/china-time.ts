/**
 * China's calendar and wall clock. Deadlines, months and check-in windows are reckoned in
 * Asia/Shanghai, whatever the server's own time zone; China keeps no daylight saving, so its
 * clock is always UTC+8.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// Made once: building a formatter costs more than most of the requests that use it.
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });
const DAY_TIME = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

/** Today's date in China, as YYYY-MM-DD: deadlines are calendar days there. */
export function chinaToday(now = new Date()): string {
  return DAY.format(now);
}

/** Wall-clock time in China, as messages show it ("2026-05-01 08:00"). */
export function chinaDateTime(date: Date): string {
  return DAY_TIME.format(date);
}

/** The UTC bounds of a calendar month in China ("2026-05"): [start, end). */
export function chinaMonthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { start: new Date(`${month}-01T00:00:00+08:00`), end: new Date(`${next}-01T00:00:00+08:00`) };
}
