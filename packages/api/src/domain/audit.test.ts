import { describe, expect, it } from "vitest";
import { auditChanges, auditDayRange, sameJson } from "./audit";

describe("auditChanges", () => {
  it("marks each field of a status change", () => {
    expect(auditChanges({ status: "reported", version: 4, percent: 100 }, { status: "in_progress", version: 5, percent: 100, comment: "缺少照片" })).toEqual([
      { path: "status", kind: "changed", before: "reported", after: "in_progress" },
      { path: "version", kind: "changed", before: 4, after: 5 },
      { path: "percent", kind: "same", before: 100, after: 100 },
      { path: "comment", kind: "added", after: "缺少照片" },
    ]);
  });

  it("lists every field of a creation as added, and of a removal as removed", () => {
    expect(auditChanges(null, { title: "视察", deadline: "2026-06-30" })).toEqual([
      { path: "title", kind: "added", after: "视察" },
      { path: "deadline", kind: "added", after: "2026-06-30" },
    ]);
    expect(auditChanges({ title: "视察" }, undefined)).toEqual([{ path: "title", kind: "removed", before: "视察" }]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it("flattens nested objects to paths and compares arrays whole", () => {
    const changes = auditChanges(
      { data: { title: "旧标题", focusAreas: ["甲", "乙"], group: { leader: 1 } } },
      { data: { title: "新标题", focusAreas: ["甲", "乙"], group: { leader: 2 } } },
    );
    expect(changes).toEqual([
      { path: "data.title", kind: "changed", before: "旧标题", after: "新标题" },
      { path: "data.focusAreas", kind: "same", before: ["甲", "乙"], after: ["甲", "乙"] },
      { path: "data.group.leader", kind: "changed", before: 1, after: 2 },
    ]);
    expect(auditChanges({ list: [1, 2] }, { list: [2, 1] })[0]!.kind).toBe("changed");
  });

  it("keeps very deep or empty objects as one value, and a bare value as 'value'", () => {
    expect(auditChanges({ a: { b: { c: { d: 1 } } } }, { a: { b: { c: { d: 2 } } } })).toEqual([{ path: "a.b.c", kind: "changed", before: { d: 1 }, after: { d: 2 } }]);
    expect(auditChanges({ meta: {} }, { meta: {} })).toEqual([{ path: "meta", kind: "same", before: {}, after: {} }]);
    expect(auditChanges("old", "new")).toEqual([{ path: "value", kind: "changed", before: "old", after: "new" }]);
  });

  it("compares JSON values deeply, ignoring key order", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson(1, "1")).toBe(false);
  });
});

describe("auditDayRange", () => {
  it("covers whole Shanghai days", () => {
    const { since, until } = auditDayRange("2026-06-01", "2026-06-30");
    expect(since!.toISOString()).toBe("2026-05-31T16:00:00.000Z");
    expect(until!.toISOString()).toBe("2026-06-30T16:00:00.000Z");
    expect(auditDayRange()).toEqual({ since: undefined, until: undefined });
  });
});
