import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache.js";

describe("page cache", () => {
  it("serves a page until its time is up, then forgets it", () => {
    let now = 1000;
    const cache = new PageCache(5000, 10, () => now);
    cache.set("en\n/", "<html>", "text/html");
    now += 4999;
    expect(cache.get("en\n/")?.body).toBe("<html>");
    now += 1;
    expect(cache.get("en\n/")).toBeUndefined();
  });

  it("is emptied at once by invalidate, bounded in size, and off at TTL 0", () => {
    const cache = new PageCache(5000, 2);
    cache.set("a", "1", "t");
    cache.set("b", "2", "t");
    cache.set("c", "3", "t");
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    cache.invalidate();
    expect(cache.size).toBe(0);
    const off = new PageCache(0);
    off.set("a", "1", "t");
    expect(off.get("a")).toBeUndefined();
  });
});
