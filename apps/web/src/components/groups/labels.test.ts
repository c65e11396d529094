import { describe, expect, it } from "vitest";
import { TERM_STATUSES } from "@dm/api/schemas/group";
import { formatRate, formatScore, TERM_STATUS_CHOICES } from "./labels";

describe("formatRate", () => {
  it("prints a percentage with at most one decimal", () => {
    expect(formatRate(0.75)).toBe("75%");
    expect(formatRate(2 / 3)).toBe("66.7%");
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(0)).toBe("0%");
  });
  it("is null while nothing is answered", () => {
    expect(formatRate(null)).toBeNull();
  });
});

describe("formatScore", () => {
  it("keeps up to two decimals", () => {
    expect(formatScore(35.333)).toBe("35.33");
    expect(formatScore(25)).toBe("25");
    expect(formatScore(null)).toBe("—");
  });
});

describe("TERM_STATUS_CHOICES", () => {
  it("lists the API's term states in its order", () => {
    expect(TERM_STATUS_CHOICES).toEqual([...TERM_STATUSES]);
  });
});
