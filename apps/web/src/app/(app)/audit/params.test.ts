import { describe, expect, it } from "vitest";
import { parseAuditSearch, toAuditSearch } from "./params";

describe("audit log URL filters", () => {
  it("round-trips every filter", () => {
    const filters = { actor: "陈志刚", entityType: "assignment", entityId: "12", from: "2026-06-01", to: "2026-06-30" };
    expect(parseAuditSearch(new URLSearchParams(toAuditSearch(filters)))).toEqual(filters);
    expect(toAuditSearch({})).toBe("");
  });

  it("drops malformed values instead of sending them", () => {
    expect(parseAuditSearch(new URLSearchParams("type=task'--&from=2026-13-45&to=yesterday&actor=%20%20"))).toEqual({
      actor: undefined,
      entityType: undefined,
      entityId: undefined,
      from: undefined,
      to: undefined,
    });
  });
});
