import { describe, expect, it } from "vitest";
import { parseStat, ticksBetween } from "./cpu";

describe("parseStat", () => {
  it("reads the pid, the parent and user + system ticks of a /proc/<pid>/stat line", () => {
    const line = "4242 (postgres) S 4200 4200 4200 0 -1 4194560 1234 0 0 0 150 37 0 0 20 0 1 0 5000 200000000 3000 18446744073709551615";
    expect(parseStat(line)).toEqual({ pid: 4242, ppid: 4200, ticks: 187 });
  });

  it("is not misled by spaces and parentheses in the command name", () => {
    const line = "77 (node (web) x) R 1 77 77 0 -1 4194304 10 0 0 0 900 100 0 0 20 0 11 0 100 1000 50";
    expect(parseStat(line)).toEqual({ pid: 77, ppid: 1, ticks: 1000 });
  });
});

describe("ticksBetween", () => {
  it("adds what each process spent, counts a process born in between whole, and never goes negative for one that ended", () => {
    const before = new Map([
      [10, 100],
      [11, 50],
      [12, 70],
    ]);
    const after = new Map([
      [10, 130],
      [11, 50],
      [13, 9],
    ]);
    expect(ticksBetween(before, after)).toBe(39);
  });
});
