import { describe, expect, it } from "vitest";
import { dayParam, monthParam, pageParam, searchParam, textParam } from "./url-params";

const q = (query: string) => new URLSearchParams(query);

describe("searchParam", () => {
  it("keeps a search as typed, trimmed and cut to 50 characters", () => {
    expect(searchParam(q("q=%20洣水河%20"))).toBe("洣水河");
    expect(searchParam(q(`q=${"字".repeat(60)}`))).toBe("字".repeat(50));
    expect(searchParam(q("q=<script>alert(1)</script>"))).toBe("<script>alert(1)</script>");
    expect(searchParam(q(""))).toBeUndefined();
    expect(searchParam(q("q=%20%20"))).toBeUndefined();
  });

  it("drops what the API refuses instead of failing the list", () => {
    expect(searchParam(q("q=a%00b"))).toBeUndefined();
    expect(searchParam(q("q=%1B%5B31m"))).toBeUndefined();
  });

  it("never cuts through an emoji's surrogate pair", () => {
    const cut = searchParam(q(`q=${"a".repeat(49)}😀`));
    expect(cut).toBe("a".repeat(49));
  });
});

describe("pageParam", () => {
  it("is a page from 1 to 10 000, else the first", () => {
    expect(pageParam(q("page=3"))).toBe(3);
    expect(pageParam(q("page=10000"))).toBe(10_000);
    for (const bad of ["page=0", "page=10001", "page=999999", "page=-1", "page=1.5", "page=abc", "page=", ""]) expect(pageParam(q(bad)), bad).toBe(1);
  });
});

describe("dayParam, monthParam and textParam", () => {
  it("pass what the API takes and drop the rest", () => {
    expect(dayParam("2026-02-28")).toBe("2026-02-28");
    for (const bad of ["2026-02-30", "0000-01-01", "2101-01-01", "2026-1-1", "", null]) expect(dayParam(bad), String(bad)).toBeUndefined();
    expect(monthParam("2026-05")).toBe("2026-05");
    for (const bad of ["0000-01", "2026-13", "99999-01", null]) expect(monthParam(bad), String(bad)).toBeUndefined();
    expect(textParam(" 陈 ", 50)).toBe("陈");
    expect(textParam("12345", 4)).toBe("1234");
    expect(textParam("a\u0000", 40)).toBeUndefined();
  });
});
