import { describe, expect, it } from "vitest";
import { childPath, isWithinPath, pathIds, subtreePattern } from "./path";

describe("childPath", () => {
  it("makes a root path when there is no parent", () => {
    expect(childPath(null, 1)).toBe("/1/");
  });

  it("appends the id and a trailing slash to the parent's path", () => {
    expect(childPath("/1/", 4)).toBe("/1/4/");
    expect(childPath("/1/4/", 27)).toBe("/1/4/27/");
  });
});

describe("isWithinPath", () => {
  it("counts a path as within itself", () => {
    expect(isWithinPath("/1/4/", "/1/4/")).toBe(true);
  });

  it("accepts descendants at any depth", () => {
    expect(isWithinPath("/1/4/27/", "/1/4/")).toBe(true);
    expect(isWithinPath("/1/4/27/", "/1/")).toBe(true);
  });

  it("rejects ancestors and siblings", () => {
    expect(isWithinPath("/1/", "/1/4/")).toBe(false);
    expect(isWithinPath("/1/5/", "/1/4/")).toBe(false);
    expect(isWithinPath("/1/5/30/", "/1/4/")).toBe(false);
  });

  it("does not confuse ids that share a digit prefix", () => {
    // The trailing slash is what keeps committee 40 out of committee 4's subtree.
    expect(isWithinPath("/1/40/", "/1/4/")).toBe(false);
    expect(isWithinPath("/1/40/400/", "/1/4/")).toBe(false);
    expect(isWithinPath("/1/4/", "/1/40/")).toBe(false);
    expect(isWithinPath("/10/", "/1/")).toBe(false);
  });
});

describe("subtreePattern", () => {
  it("returns a prefix LIKE pattern for a well-formed path", () => {
    expect(subtreePattern("/1/")).toBe("/1/%");
    expect(subtreePattern("/1/4/27/")).toBe("/1/4/27/%");
  });

  it.each(["", "/", "1/4/", "/1/4", "/1//4/", "/1/a/", "/1/4/%", "/1/_/", "/%", "/1/4/ ", " /1/4/", "/-1/"])(
    "rejects the malformed path %j",
    (path) => {
      expect(() => subtreePattern(path)).toThrow(/Not a committee path/);
    },
  );
});

describe("pathIds", () => {
  it("lists the ids root first", () => {
    expect(pathIds("/1/4/27/")).toEqual([1, 4, 27]);
    expect(pathIds("/1/")).toEqual([1]);
  });

  it("returns no ids for the empty root", () => {
    expect(pathIds("/")).toEqual([]);
  });

  it("round-trips with childPath", () => {
    expect(pathIds(childPath(childPath(childPath(null, 1), 40), 400))).toEqual([1, 40, 400]);
  });
});
