import { describe, expect, it } from "vitest";
import { CATALOGUES, MESSAGES } from "../../messages";

const { en, "zh-CN": zh } = MESSAGES;

/** Every key path of a message catalogue, e.g. "login.invalid". */
function keyPaths(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === "object" && !Array.isArray(value) ? keyPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("message catalogues", () => {
  it("English has exactly the keys Chinese has, so switching language never shows a raw key", () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(zh).sort());
  });

  it("has no empty message", () => {
    for (const [name, catalogue] of [["zh-CN", zh], ["en", en]] as const) {
      const empty = keyPaths(catalogue).filter((path) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalogue) === "");
      expect(empty, name).toEqual([]);
    }
  });

  it("puts each namespace in exactly one file per locale", () => {
    for (const files of Object.values(CATALOGUES)) {
      const namespaces = files.flatMap((file) => Object.keys(file));
      expect(namespaces.length).toBe(new Set(namespaces).size);
    }
  });
});
