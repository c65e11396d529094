import { describe, expect, it } from "vitest";
import { resolveReportPeriod, writeHref } from "./params";

const campaigns = [
  { id: 7, startDate: "2026-03-01", endDate: "2026-12-31" },
  { id: 3, startDate: "2023-03-01", endDate: "2023-12-31" },
];
const now = new Date("2026-11-20T02:00:00Z");
const p = (s: string) => new URLSearchParams(s);

describe("resolveReportPeriod", () => {
  it("opens the campaign under way at the month just ended, offering the begun months newest first", () => {
    const r = resolveReportPeriod(p(""), campaigns, now)!;
    expect(r.campaignId).toBe(7);
    expect(r.month).toBe("2026-10");
    expect(r.months[0]).toBe("2026-11");
    expect(r.months.at(-1)).toBe("2026-03");
    expect(r.months).not.toContain("2026-12");
  });

  it("takes a begun month of a visible campaign from the URL, and ignores the rest", () => {
    expect(resolveReportPeriod(p("campaign=3&month=2023-05"), campaigns, now)).toMatchObject({ campaignId: 3, month: "2023-05" });
    expect(resolveReportPeriod(p("campaign=3"), campaigns, now)).toMatchObject({ campaignId: 3, month: "2023-12" });
    expect(resolveReportPeriod(p("campaign=7&month=2026-12"), campaigns, now)).toMatchObject({ campaignId: 7, month: "2026-10" });
    expect(resolveReportPeriod(p("campaign=99&month=x"), campaigns, now)).toMatchObject({ campaignId: 7, month: "2026-10" });
  });

  it("has nothing to show without campaigns", () => {
    expect(resolveReportPeriod(p(""), [], now)).toBeNull();
  });

  it("links to the form of a month", () => {
    expect(writeHref(7, "2026-10")).toBe("/monthly-reports/write?campaign=7&month=2026-10");
  });
});
