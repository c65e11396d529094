import { describe, expect, it } from "vitest";

describe("instrumentation-client's zod setting", () => {
  it("makes zod interpret schemas, never probing whether it may compile code (a probe the CSP reports)", async () => {
    await import("./instrumentation-client");
    const { globalConfig, util } = await import("zod/v4/core");
    const { z } = await import("zod");
    expect(globalConfig.jitless).toBe(true);
    // The probe behind `new Function` is skipped, and object schemas still parse.
    expect(util.allowsEval.value).toBe(false);
    expect(z.object({ a: z.string() }).parse({ a: "x" })).toEqual({ a: "x" });
  });
});
