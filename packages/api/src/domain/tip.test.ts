import { describe, expect, it } from "vitest";
import { formatTipCode, hashTipIp, newTipCode, normalizeTipCode, TIP_CODE_ALPHABET, TIP_CODE_LENGTH, tipRateLimited } from "./tip";

describe("tip reference codes", () => {
  it("are 10 symbols from an alphabet without look-alikes", () => {
    expect(TIP_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(new Set(TIP_CODE_ALPHABET).size).toBe(TIP_CODE_ALPHABET.length);
    for (let i = 0; i < 200; i++) {
      const code = newTipCode();
      expect(code).toHaveLength(TIP_CODE_LENGTH);
      for (const ch of code) expect(TIP_CODE_ALPHABET).toContain(ch);
    }
  });

  it("differ from one another", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newTipCode()));
    expect(codes.size).toBe(1000);
  });

  it("skip bytes that would bias the draw", () => {
    // 240 and above are redrawn (256 is not a multiple of 30); 0 → "2", 29 → "Z".
    const bytes = [255, 240, 0, 29, 30, 59, 239, 1, 2, 3, 4, 5, 6, 7];
    let calls = 0;
    const code = newTipCode((n) => {
      calls++;
      return Uint8Array.from({ length: n }, (_, i) => bytes[i] ?? 0);
    });
    expect(calls).toBe(1);
    expect(code).toBe("2Z2ZZ34567");
  });

  it("are shown in two groups and read back however they are typed", () => {
    expect(formatTipCode("7KQ2MXW9RT")).toBe("7KQ2M-XW9RT");
    expect(normalizeTipCode(" 7kq2m-xw9rt ")).toBe("7KQ2MXW9RT");
    expect(normalizeTipCode("7KQ2M XW9RT")).toBe("7KQ2MXW9RT");
    expect(normalizeTipCode("7KQ2MXW9R")).toBeNull();
    expect(normalizeTipCode("7KQ2MXW9RO")).toBeNull();
    expect(normalizeTipCode("'; drop table")).toBeNull();
  });
});

describe("abuse limits", () => {
  it("allows five an hour and twenty a day from one address", () => {
    expect(tipRateLimited({ lastHour: 4, lastDay: 4 })).toBe(false);
    expect(tipRateLimited({ lastHour: 5, lastDay: 5 })).toBe(true);
    expect(tipRateLimited({ lastHour: 0, lastDay: 19 })).toBe(false);
    expect(tipRateLimited({ lastHour: 0, lastDay: 20 })).toBe(true);
  });

  it("keeps a keyed hash of the address, never the address", () => {
    const a = hashTipIp("key-1", "203.0.113.7");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain("203");
    expect(hashTipIp("key-1", "203.0.113.7")).toBe(a);
    expect(hashTipIp("key-2", "203.0.113.7")).not.toBe(a);
    expect(hashTipIp("key-1", "203.0.113.8")).not.toBe(a);
  });
});
