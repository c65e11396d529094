import { describe, expect, it } from "vitest";
import { parseProblemSearch, toProblemSearch } from "./params";

describe("ledger filters in the URL", () => {
  it("round-trips every filter", () => {
    const input = { search: "油烟", status: "closed", category: "air", committeeId: 12, departmentId: 7, overdue: true, page: 3 } as const;
    expect(parseProblemSearch(new URLSearchParams(toProblemSearch(input).slice(1)))).toEqual(input);
  });

  it("drops what is not a filter value", () => {
    expect(parseProblemSearch(new URLSearchParams("status=done&category=fire&county=-1&department=x&overdue=yes&page=0"))).toEqual({
      status: undefined,
      category: undefined,
      committeeId: undefined,
      departmentId: undefined,
      overdue: undefined,
      search: undefined,
      page: 1,
    });
  });
});
