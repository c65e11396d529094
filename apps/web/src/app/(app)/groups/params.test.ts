import { describe, expect, it } from "vitest";
import { parseGroupSearch, toGroupSearch } from "./params";

describe("group list URL", () => {
  it("round-trips the filters", () => {
    const input = { search: "生态", departmentId: 3, status: "active" as const, kind: "group" as const, page: 2 };
    expect(parseGroupSearch(new URLSearchParams(toGroupSearch(input).slice(1)))).toEqual(input);
  });
  it("drops what is not a filter value", () => {
    expect(parseGroupSearch(new URLSearchParams("department=x&status=open&kind=team&page=0"))).toEqual({ departmentId: undefined, status: undefined, kind: undefined, search: undefined, page: 1 });
  });
});
