import { describe, expect, it } from "vitest";
import { answerError, mutationCall, queryCall, readAnswer } from "./trpc-http";

describe("the calls, as the web app's httpBatchLink sends them", () => {
  it("a query is a GET of a batch of one, superjson-wrapped, in the URL", () => {
    const call = queryCall("task.list", { campaignId: 3, status: "in_progress", page: 1 });
    expect(call.method).toBe("GET");
    const url = new URL(call.path, "http://x");
    expect(url.pathname).toBe("/api/trpc/task.list");
    expect(url.searchParams.get("batch")).toBe("1");
    expect(JSON.parse(url.searchParams.get("input")!)).toEqual({ 0: { json: { campaignId: 3, status: "in_progress", page: 1 } } });
  });

  it("a mutation is a JSON POST of the batch", () => {
    const call = mutationCall("activity.signUp", { id: 7 });
    expect(call).toMatchObject({ method: "POST", path: "/api/trpc/activity.signUp?batch=1", headers: { "content-type": "application/json" } });
    expect(JSON.parse(call.body!)).toEqual({ 0: { json: { id: 7 } } });
  });
});

describe("readAnswer", () => {
  it("takes the result of a batch of one", () => {
    expect(readAnswer(200, '[{"result":{"data":{"json":{"version":3},"meta":{"values":{}}}}}]')).toEqual({ ok: true, data: { version: 3 } });
  });

  it("reports a tRPC error with its code and message, and the current record of a CONFLICT", () => {
    const body = JSON.stringify([{ error: { json: { message: "已被他人修改", code: -32009, data: { code: "CONFLICT", httpStatus: 409, current: { version: 5, percent: 40 } } } } }]);
    expect(readAnswer(409, body)).toEqual({ ok: false, error: "HTTP 409: CONFLICT: 已被他人修改", code: "CONFLICT", current: { version: 5, percent: 40 } });
  });

  it("fails a non-2xx without a tRPC error, a body that is not JSON, and a 200 without a result", () => {
    expect(readAnswer(502, "[]")).toMatchObject({ ok: false, error: "HTTP 502" });
    expect(readAnswer(500, "<html>Internal Server Error</html>")).toMatchObject({ ok: false, error: expect.stringContaining("not JSON") });
    expect(readAnswer(200, "[{}]")).toMatchObject({ ok: false, error: expect.stringContaining("no result") });
  });
});

describe("answerError", () => {
  it("passes a 2xx result without parsing it, and judges anything else like readAnswer", () => {
    expect(answerError(200, '[{"result":{"data":{"json":[1,2,3]}}}]')).toBeNull();
    expect(answerError(401, JSON.stringify([{ error: { json: { message: "请先登录", data: { code: "UNAUTHORIZED" } } } }]))).toBe("HTTP 401: UNAUTHORIZED: 请先登录");
    expect(answerError(200, '[{"error":{"json":{"message":"x","data":{"code":"BAD_REQUEST"}}}}]')).toBe("HTTP 200: BAD_REQUEST: x");
    expect(answerError(503, "")).toMatch(/^HTTP 503/);
  });
});
