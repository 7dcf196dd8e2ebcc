import { describe, expect, it } from "vitest";
import { readPoint } from "./territory.js";

describe("a point read from a form", () => {
  it("is none when both fields are empty", () => {
    expect(readPoint("", " ", "kz")).toEqual({ kind: "none" });
  });

  it("is inside the territory with its district, rounded to six places", () => {
    const r = readPoint("51.12800001", "71.4305", "kz");
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    expect(r.point).toEqual({ lat: 51.128, lon: 71.4305 });
    expect(r.district?.kato).toBe("711310000");
  });

  it("is outside the territory, which is named", () => {
    expect(readPoint("49.8", "73.1", "kz")).toEqual({
      kind: "outside",
      territory: { kk: "Астана", ru: "Астана", en: "Astana" },
    });
  });

  it.each([
    ["51.1", ""],
    ["", "71.4"],
    ["north", "71.4"],
    ["91", "71.4"],
    ["51.1", "181"],
    ["1e2", "71.4"],
    ["NaN", "Infinity"],
    ["51,1", "71,4"],
  ])("is invalid for %j, %j", (lat, lon) => {
    expect(readPoint(lat, lon, "kz")).toEqual({ kind: "invalid" });
  });

  it("takes any point for a jurisdiction with no boundaries", () => {
    expect(readPoint("43.2389", "76.8897", "elsewhere")).toMatchObject({ kind: "ok" });
  });
});
