import { describe, expect, it } from "vitest";
import { parseTaskSearch, toTaskSearch, toURLSearchParams } from "./params";

describe("task list search params", () => {
  it("round-trips every filter through the URL", () => {
    const input = { campaignId: 3, status: "reported" as const, committeeId: 12, focusArea: "人民群众反映问题解决情况", overdue: true, search: "洣水河", page: 2 };
    expect(parseTaskSearch(new URLSearchParams(toTaskSearch(input)))).toEqual(input);
  });
  it("drops malformed values instead of sending them to the API", () => {
    const parsed = parseTaskSearch(new URLSearchParams("campaign=abc&status=done&county=-1&overdue=yes&page=0"));
    expect(parsed).toEqual({ campaignId: undefined, status: undefined, committeeId: undefined, focusArea: undefined, overdue: undefined, search: undefined, page: 1 });
  });
  it("leaves defaults out of the URL", () => {
    expect(toTaskSearch({ page: 1 })).toBe("");
  });
  it("takes the first of repeated server search params", () => {
    expect(toURLSearchParams({ q: ["a", "b"], page: "2", none: undefined }).toString()).toBe("q=a&page=2");
  });
});
