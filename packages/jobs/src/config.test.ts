import { describe, expect, it } from "vitest";
import { parseJobsMode } from "./config";

describe("JOBS_MODE", () => {
  it("defaults to inline and accepts the three modes", () => {
    expect(parseJobsMode(undefined)).toBe("inline");
    expect(parseJobsMode("")).toBe("inline");
    expect(parseJobsMode("worker")).toBe("worker");
    expect(parseJobsMode(" off ")).toBe("off");
  });

  it("refuses anything else with a clear message", () => {
    expect(() => parseJobsMode("separate")).toThrow(/JOBS_MODE must be one of inline, worker, off/);
  });
});
