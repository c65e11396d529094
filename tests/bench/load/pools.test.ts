import { describe, expect, it } from "vitest";
import { deal, membersFor, PairPool, pairAt, shareFor } from "./pools";

describe("pairAt", () => {
  it("names every (member, activity) pair exactly once", () => {
    for (const [members, activities] of [
      [1, 1],
      [3, 7],
      [7, 3],
      [10, 10],
      [64, 5],
    ] as const) {
      const seen = new Set<string>();
      for (let k = 0; k < members * activities; k++) {
        const { member, activity } = pairAt(k, members, activities);
        expect(member).toBeLessThan(members);
        expect(activity).toBeLessThan(activities);
        seen.add(`${member}:${activity}`);
      }
      expect(seen.size).toBe(members * activities);
    }
  });

  it("gives consecutive pairs different activities, so simultaneous sign-ups do not queue on one row", () => {
    const activities = 8;
    for (let k = 0; k + activities <= 40 * activities; k += activities) {
      const window = Array.from({ length: activities }, (_, i) => pairAt(k + i, 40, activities).activity);
      expect(new Set(window).size).toBe(activities);
    }
  });

  it("refuses an index outside the pool", () => {
    expect(() => pairAt(6, 2, 3)).toThrow(RangeError);
    expect(() => pairAt(-1, 2, 3)).toThrow(RangeError);
  });
});

describe("PairPool", () => {
  it("hands out each pair once, from the front, and refuses to hand out more than it has", () => {
    const pool = new PairPool(4, 5);
    const a = pool.take(7);
    const b = pool.take(13);
    expect(pool.left).toBe(0);
    const all = [...a, ...b].map((p) => `${p.member}:${p.activity}`);
    expect(new Set(all).size).toBe(20);
    expect(() => pool.take(1)).toThrow(RangeError);
  });

  it("uses only the members membersFor names, so only they need signing in", () => {
    const pool = new PairPool(100, 6);
    const used = new Set(pool.take(50).map((p) => p.member));
    expect(membersFor(50, 100, 6)).toEqual([...used].sort((x, y) => x - y));
    // 50 pairs over 6 activities touch about 50 / 6 + 6 members, not all 100.
    expect(membersFor(50, 100, 6).length).toBeLessThanOrEqual(15);
  });
});

describe("deal", () => {
  it("deals round-robin, so connections moving in step work on neighbouring items", () => {
    expect(deal([0, 1, 2, 3, 4, 5, 6], 3)).toEqual([
      [0, 3, 6],
      [1, 4],
      [2, 5],
    ]);
  });

  it("gives each item to exactly one connection; with fewer items than connections some get none", () => {
    const hands = deal([1, 2], 4);
    expect(hands).toEqual([[1], [2], [], []]);
  });
});

describe("shareFor", () => {
  it("splits what is left evenly over the cells still to run, within the cap", () => {
    expect(shareFor(6001, 6, 1000)).toBe(1000);
    expect(shareFor(600, 6, 1000)).toBe(100);
    expect(shareFor(500, 5, 1000)).toBe(100);
    expect(shareFor(10, 0, 1000)).toBe(0);
  });
});
