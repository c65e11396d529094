import { describe, expect, it } from "vitest";
import { rollUpCounts, sortTree } from "./committee";

// city 1 → counties 2 and 3; 2 → townships 4, 5; 3 → township 6.
const tree = [
  { id: 1, path: "/1/" },
  { id: 2, path: "/1/2/" },
  { id: 3, path: "/1/3/" },
  { id: 4, path: "/1/2/4/" },
  { id: 5, path: "/1/2/5/" },
  { id: 6, path: "/1/3/6/" },
];

describe("rollUpCounts", () => {
  it("adds each committee's own count to itself and every ancestor", () => {
    const own = new Map([
      [1, 30],
      [2, 8],
      [3, 7],
      [4, 2],
      [5, 3],
      [6, 1],
    ]);
    const totals = rollUpCounts(tree, own);
    expect(Object.fromEntries(totals)).toEqual({ 1: 51, 2: 13, 3: 8, 4: 2, 5: 3, 6: 1 });
  });

  it("gives 0 to committees without members and still rolls up the rest", () => {
    const totals = rollUpCounts(tree, new Map([[4, 5]]));
    expect(Object.fromEntries(totals)).toEqual({ 1: 5, 2: 5, 3: 0, 4: 5, 5: 0, 6: 0 });
  });

  it("within a county's scope, ignores ancestors outside it", () => {
    const scoped = tree.filter((c) => c.path.startsWith("/1/2/"));
    const totals = rollUpCounts(scoped, new Map([[1, 30], [2, 8], [4, 2], [5, 3]]));
    expect(Object.fromEntries(totals)).toEqual({ 2: 13, 4: 2, 5: 3 });
    expect(totals.has(1)).toBe(false);
  });

  it("does not mix up ids that share digits", () => {
    const rows = [
      { id: 1, path: "/1/" },
      { id: 4, path: "/1/4/" },
      { id: 40, path: "/1/40/" },
      { id: 41, path: "/1/40/41/" },
    ];
    const totals = rollUpCounts(rows, new Map([[41, 6], [4, 1]]));
    expect(Object.fromEntries(totals)).toEqual({ 1: 7, 4: 1, 40: 6, 41: 6 });
  });

  it("returns an empty map for no committees", () => {
    expect(rollUpCounts([], new Map([[1, 3]])).size).toBe(0);
  });
});

describe("sortTree", () => {
  const row = (id: number, parentId: number | null, sortOrder: number) => ({ id, parentId, sortOrder });

  it("orders depth-first by sortOrder at each level", () => {
    const rows = [row(6, 3, 1), row(3, 1, 2), row(5, 2, 2), row(1, null, 0), row(4, 2, 1), row(2, 1, 1)];
    expect(sortTree(rows).map((r) => r.id)).toEqual([1, 2, 4, 5, 3, 6]);
  });

  it("breaks sortOrder ties by id", () => {
    const rows = [row(1, null, 0), row(9, 1, 1), row(7, 1, 1), row(8, 1, 0)];
    expect(sortTree(rows).map((r) => r.id)).toEqual([1, 8, 7, 9]);
  });

  it("treats a row whose parent is outside the set as a root (a county's own scope)", () => {
    const rows = [row(5, 2, 2), row(2, 1, 1), row(4, 2, 1)];
    expect(sortTree(rows).map((r) => r.id)).toEqual([2, 4, 5]);
  });

  it("keeps every row and the extra fields", () => {
    const rows = [
      { ...row(1, null, 0), name: "株洲市政协" },
      { ...row(2, 1, 1), name: "荷塘区政协" },
    ];
    const sorted = sortTree(rows);
    expect(sorted).toHaveLength(2);
    expect(sorted[1]).toEqual({ id: 2, parentId: 1, sortOrder: 1, name: "荷塘区政协" });
  });

  it("does not modify its input", () => {
    const rows = [row(2, 1, 1), row(1, null, 0)];
    sortTree(rows);
    expect(rows.map((r) => r.id)).toEqual([2, 1]);
  });
});
