import { describe, expect, it } from "vitest";
import { begunMonths, briefingParams, dashboardParams } from "./params";

const campaigns = [
  { id: 7, startDate: "2026-03-01", endDate: "2026-12-31" },
  { id: 3, startDate: "2023-03-01", endDate: "2023-12-31" },
];
const now = new Date("2026-11-22T02:00:00Z");
const q = (s: string) => new URLSearchParams(s);

describe("dashboardParams", () => {
  it("takes a visible campaign and a begun month of it from the URL", () => {
    expect(dashboardParams(q("campaign=3&month=2023-06"), campaigns, now)).toEqual({ campaignId: 3, month: "2023-06" });
  });
  it("falls back to the campaign under way and leaves a bad or future month to the API", () => {
    expect(dashboardParams(q("campaign=99&month=2026-12"), campaigns, now)).toEqual({ campaignId: 7 });
    expect(dashboardParams(q("month=2023-06"), campaigns, now)).toEqual({ campaignId: 7 });
    expect(dashboardParams(q(""), [], now)).toBeNull();
  });
});

describe("briefingParams", () => {
  it("defaults to the caller's committee and the month just ended", () => {
    expect(briefingParams(q(""), campaigns, 5, now)).toEqual({ campaignId: 7, committeeId: 5, month: "2026-10" });
    expect(briefingParams(q("committee=12&month=2026-04"), campaigns, 5, now)).toEqual({ campaignId: 7, committeeId: 12, month: "2026-04" });
  });
});

describe("begunMonths", () => {
  it("lists the months that have begun, newest first", () => {
    expect(begunMonths(campaigns[0]!, now)).toEqual(["2026-11", "2026-10", "2026-09", "2026-08", "2026-07", "2026-06", "2026-05", "2026-04", "2026-03"]);
  });
});
