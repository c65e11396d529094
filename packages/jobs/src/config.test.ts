import { describe, expect, it } from "vitest";
import { jobsTiming, parseJobsMode } from "./config";

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

describe("JOBS_POLL_SECONDS and JOBS_CRON_CHECK_SECONDS", () => {
  it("default to pg-boss's pace for reminders: a poll every 10 s, the schedules every 30 s", () => {
    expect(jobsTiming({})).toEqual({ pollSeconds: 10, cronCheckSeconds: 30 });
  });

  it("are read from the environment", () => {
    expect(jobsTiming({ JOBS_POLL_SECONDS: "2", JOBS_CRON_CHECK_SECONDS: "1" })).toEqual({ pollSeconds: 2, cronCheckSeconds: 1 });
  });

  it("refuse what pg-boss would refuse, naming the variable", () => {
    expect(() => jobsTiming({ JOBS_CRON_CHECK_SECONDS: "60" })).toThrow(/JOBS_CRON_CHECK_SECONDS must be a whole number of seconds from 1 to 45/);
    expect(() => jobsTiming({ JOBS_POLL_SECONDS: "0.5" })).toThrow(/JOBS_POLL_SECONDS/);
  });
});
