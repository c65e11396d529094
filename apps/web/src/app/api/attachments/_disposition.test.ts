import { describe, expect, it } from "vitest";
import { contentDisposition } from "./_disposition";

describe("contentDisposition", () => {
  it("carries a Chinese name as UTF-8 in filename*, with an ASCII fallback", () => {
    expect(contentDisposition("attachment", "现场照片 1.png")).toBe(`attachment; filename="____ 1.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.png`);
  });

  it("escapes what would end or confuse the header", () => {
    const header = contentDisposition("inline", `a"b\\c'(d)*;e.pdf`);
    expect(header).toBe(`inline; filename="a_b_c'(d)*;e.pdf"; filename*=UTF-8''a%22b%5Cc%27%28d%29%2A%3Be.pdf`);
    expect(decodeURIComponent(header.split("''")[1]!)).toBe(`a"b\\c'(d)*;e.pdf`);
  });
});
