import { describe, expect, it } from "vitest";
import { cellHref, resolvePeriod } from "./params";

const campaigns = [
  { id: 7, startDate: "2026-03-01", endDate: "2026-12-31" },
  { id: 3, startDate: "2023-03-01", endDate: "2023-12-31" },
];
const now = new Date("2026-11-20T02:00:00Z");
const p = (s: string) => new URLSearchParams(s);

describe("resolvePeriod", () => {
  it("takes a visible campaign or a year from the URL", () => {
    expect(resolvePeriod(p("campaign=3"), campaigns, now)).toEqual({ campaignId: 3 });
    expect(resolvePeriod(p("year=2025"), campaigns, now)).toEqual({ year: 2025 });
  });

  it("falls back to the campaign under way for unknown or malformed values", () => {
    expect(resolvePeriod(p("campaign=99"), campaigns, now)).toEqual({ campaignId: 7 });
    expect(resolvePeriod(p("campaign=abc&year=99999"), campaigns, now)).toEqual({ campaignId: 7 });
    expect(resolvePeriod(p(""), campaigns, now)).toEqual({ campaignId: 7 });
  });

  it("counts this year when there are no campaigns", () => {
    expect(resolvePeriod(p(""), [], now)).toEqual({ year: 2026 });
  });
});

describe("cellHref", () => {
  it("links a cell to its list, with the subtree when it rolls up", () => {
    expect(cellHref({ campaignId: 7 }, 12, "2026-10", true)).toBe("/coverage/activities?campaign=7&committee=12&month=2026-10&scope=all");
    expect(cellHref({ year: 2026 }, 12, "2026-10", false)).toBe("/coverage/activities?year=2026&committee=12&month=2026-10");
  });
});
