import { describe, expect, it } from "vitest";
import { isPublicPage } from "./config";

describe("pages open without signing in", () => {
  it("are the sign-in page and the public tip form and status page", () => {
    for (const path of ["/login", "/tip", "/tip/status"]) expect(isPublicPage(path), path).toBe(true);
  });

  it("are nothing else: the staff's tip list stays protected", () => {
    for (const path of ["/", "/tips", "/tips/3", "/tipsy", "/problems", "/login/x", "/members"]) expect(isPublicPage(path), path).toBe(false);
  });
});
