import { useFormatter } from "next-intl";

/** Midnight on the month's first day in Beijing time: formatting it in Asia/Shanghai gives that month. */
export const monthInstant = (month: string) => new Date(`${month}-01T00:00:00+08:00`);

/** "2026年10月" / "October 2026", or the short "10月" / "Oct" for column headings. */
export function useMonthLabel() {
  const format = useFormatter();
  return (month: string, style: "long" | "short" = "long") =>
    style === "long" ? format.dateTime(monthInstant(month), { year: "numeric", month: "long" }) : format.dateTime(monthInstant(month), { month: "short" });
}

/** A calendar date ("2026-11-05") as "11月5日" / "Nov 5". */
export function useDayLabel() {
  const format = useFormatter();
  return (date: string) => format.dateTime(new Date(`${date}T12:00:00+08:00`), { month: "short", day: "numeric" });
}

/** "2026-11-03 10:20" style, in Beijing time. */
export function useDateTimeLabel() {
  const format = useFormatter();
  return (at: Date) => format.dateTime(at, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
}
