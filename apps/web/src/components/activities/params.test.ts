import { describe, expect, it } from "vitest";
import { fromLocalInput, parseActivitySearch, parseMemberView, toActivitySearch, toLocalInput, toMemberView } from "./params";

describe("activity list URLs", () => {
  it("round-trip the filters and drop malformed ones", () => {
    const input = { search: "踏察", campaignId: 3, month: "2026-05", status: "held" as const, type: "survey" as const, page: 2 };
    expect(parseActivitySearch(new URLSearchParams(toActivitySearch(input)))).toEqual(input);
    expect(parseActivitySearch(new URLSearchParams("month=2026-13&status=done&type=x&campaign=-1&page=0"))).toEqual({ search: undefined, campaignId: undefined, month: undefined, status: undefined, type: undefined, page: 1 });
    expect(toActivitySearch({ page: 1 })).toBe("");
  });

  it("keeps a member's tab", () => {
    expect(parseMemberView(new URLSearchParams(toMemberView({ view: "mine", page: 3 })))).toEqual({ view: "mine", page: 3 });
    expect(parseMemberView(new URLSearchParams("view=other"))).toEqual({ view: "open", page: 1 });
  });
});

describe("datetime-local values", () => {
  it("round-trip a moment to the minute, in China's time whatever the machine's zone", () => {
    const at = new Date("2026-05-10T01:30:00Z");
    expect(toLocalInput(at)).toBe("2026-05-10T09:30");
    expect(fromLocalInput("2026-05-10T09:30")?.getTime()).toBe(at.getTime());
    expect(toLocalInput(new Date("2026-05-31T16:00:00Z"))).toBe("2026-06-01T00:00");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("2026-05-10")).toBeNull();
    expect(toLocalInput(null)).toBe("");
  });
});
