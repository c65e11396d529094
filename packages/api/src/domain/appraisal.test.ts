import { describe, expect, it } from "vitest";
import { appraisalOpen, currentAppraisalYear, scoreInRange, termCoversYear } from "./appraisal";

describe("appraisal calendar", () => {
  it("opens year Y on 1 January and closes it after 31 January of Y+1", () => {
    expect(appraisalOpen(2026, "2025-12-31")).toBe(false);
    expect(appraisalOpen(2026, "2026-01-01")).toBe(true);
    expect(appraisalOpen(2026, "2026-12-31")).toBe(true);
    expect(appraisalOpen(2026, "2027-01-31")).toBe(true);
    expect(appraisalOpen(2026, "2027-02-01")).toBe(false);
  });
  it("shows last year's appraisal first while it is still open in January", () => {
    expect(currentAppraisalYear("2027-01-15")).toBe(2026);
    expect(currentAppraisalYear("2027-02-01")).toBe(2027);
    expect(currentAppraisalYear("2026-07-01")).toBe(2026);
  });
  it("counts a group in a year when its term overlaps it", () => {
    expect(termCoversYear({ termStart: "2025-06-01", termEnd: "2026-01-10" }, 2026)).toBe(true);
    expect(termCoversYear({ termStart: "2025-06-01", termEnd: "2025-12-31" }, 2026)).toBe(false);
    expect(termCoversYear({ termStart: "2027-01-01", termEnd: "2027-12-31" }, 2026)).toBe(false);
  });
});

describe("scoreInRange", () => {
  it("takes whole numbers from 0 to the maximum", () => {
    expect(scoreInRange(0, 20)).toBe(true);
    expect(scoreInRange(20, 20)).toBe(true);
    expect(scoreInRange(21, 20)).toBe(false);
    expect(scoreInRange(-1, 20)).toBe(false);
    expect(scoreInRange(10.5, 20)).toBe(false);
  });
});
