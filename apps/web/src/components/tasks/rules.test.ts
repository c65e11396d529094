import { describe, expect, it } from "vitest";
import { standingReturn } from "./rules";

const ev = (type: string, comment = "") => ({ type, comment });

describe("standingReturn", () => {
  it("is the last return when nothing was reported since", () => {
    const returned = ev("returned", "请补充整改时限");
    expect(standingReturn([ev("sent"), ev("accepted"), ev("reported"), returned])).toBe(returned);
  });
  it("survives a pass-down after the return", () => {
    const returned = ev("returned", "请补充");
    expect(standingReturn([ev("reported"), returned, ev("passed_down")])).toBe(returned);
  });
  it("is used up by the next report", () => {
    expect(standingReturn([ev("reported"), ev("returned"), ev("progress")])).toBeNull();
    expect(standingReturn([ev("reported"), ev("returned"), ev("reported")])).toBeNull();
  });
  it("is null without any return", () => {
    expect(standingReturn([])).toBeNull();
    expect(standingReturn([ev("sent"), ev("accepted")])).toBeNull();
  });
});
