import { describe, expect, it } from "vitest";
import { ComputedCache, dashboardCacheSeconds, identityOf, noteWrite } from "./computed-cache";

function setup(options: { ttlSeconds?: number; maxEntries?: number } = {}) {
  let clock = 0;
  const calls: string[] = [];
  const cache = new ComputedCache<string>({ ttlSeconds: () => options.ttlSeconds ?? 30, maxEntries: options.maxEntries ?? 10, now: () => clock });
  const get = (key: string) =>
    cache.get(key, async () => {
      calls.push(key);
      return `${key}@${clock}`;
    });
  return { cache, calls, get, advance: (ms: number) => (clock += ms) };
}

describe("ComputedCache", () => {
  it("computes a key once within the TTL and again after it", async () => {
    const { calls, get, advance } = setup({ ttlSeconds: 30 });
    expect(await get("a")).toBe("a@0");
    advance(29_999);
    expect(await get("a")).toBe("a@0");
    advance(1);
    expect(await get("a")).toBe("a@30000");
    expect(calls).toEqual(["a", "a"]);
  });

  it("lets concurrent callers share one computation", async () => {
    let release!: (v: string) => void;
    let computed = 0;
    const cache = new ComputedCache<string>({ ttlSeconds: () => 30, maxEntries: 10 });
    const compute = () => {
      computed += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const all = Promise.all([cache.get("k", compute), cache.get("k", compute), cache.get("k", compute)]);
    release("v");
    expect(await all).toEqual(["v", "v", "v"]);
    expect(computed).toBe(1);
  });

  it("recomputes after a write, even one that ends while the computation runs", async () => {
    const { calls, get } = setup();
    await get("a");
    noteWrite();
    await get("a");
    expect(calls).toEqual(["a", "a"]);

    let release!: (v: string) => void;
    const cache = new ComputedCache<string>({ ttlSeconds: () => 30, maxEntries: 10 });
    let computed = 0;
    const slow = () => {
      computed += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const before = cache.get("k", slow);
    const firstRelease = release;
    noteWrite();
    // A request after the write does not join the computation that began before it.
    const after = cache.get("k", slow);
    firstRelease("old");
    release("new");
    expect([await before, await after]).toEqual(["old", "new"]);
    expect(computed).toBe(2);
    expect(await cache.get("k", slow)).toBe("new");
  });

  it("keeps no failure", async () => {
    const cache = new ComputedCache<string>({ ttlSeconds: () => 30, maxEntries: 10 });
    await expect(cache.get("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(cache.size).toBe(0);
    expect(await cache.get("k", async () => "up")).toBe("up");
  });

  it("holds at most maxEntries, dropping the least recently used", async () => {
    const { cache, calls, get } = setup({ maxEntries: 2 });
    await get("a");
    await get("b");
    await get("a"); // a is now the most recent
    await get("c"); // drops b
    expect(cache.size).toBe(2);
    await get("a");
    await get("b");
    expect(calls).toEqual(["a", "b", "c", "b"]);
  });

  it("computes every time with a TTL of 0", async () => {
    const { cache, calls, get } = setup({ ttlSeconds: 0 });
    await get("a");
    await get("a");
    expect(calls).toEqual(["a", "a"]);
    expect(cache.size).toBe(0);
  });
});

describe("dashboardCacheSeconds", () => {
  it("defaults to 30, accepts 0 and fractions, refuses the rest by name", () => {
    expect(dashboardCacheSeconds({})).toBe(30);
    expect(dashboardCacheSeconds({ DASHBOARD_CACHE_SECONDS: " 0 " })).toBe(0);
    expect(dashboardCacheSeconds({ DASHBOARD_CACHE_SECONDS: "2.5" })).toBe(2.5);
    for (const bad of ["-1", "abc", "3601", "Infinity"]) expect(() => dashboardCacheSeconds({ DASHBOARD_CACHE_SECONDS: bad })).toThrow(/DASHBOARD_CACHE_SECONDS/);
  });
});

describe("identityOf", () => {
  it("gives each object its own stable number", () => {
    const a = {};
    const b = {};
    expect(identityOf(a)).toBe(identityOf(a));
    expect(identityOf(a)).not.toBe(identityOf(b));
  });
});
