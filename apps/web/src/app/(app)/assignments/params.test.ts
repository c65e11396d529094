import { describe, expect, it } from "vitest";
import { parseInboxSearch, toInboxSearch } from "./params";

describe("inbox search params", () => {
  it("round-trips status, overdue, search and page", () => {
    const input = { status: "sent" as const, overdue: true, search: "河长制", page: 3 };
    expect(parseInboxSearch(new URLSearchParams(toInboxSearch(input)))).toEqual(input);
  });
  it("ignores unknown statuses and bad pages", () => {
    expect(parseInboxSearch(new URLSearchParams("status=closed&page=x"))).toEqual({ status: undefined, overdue: undefined, search: undefined, page: 1 });
  });
});
