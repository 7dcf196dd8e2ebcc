import { describe, expect, it } from "vitest";
import { DISTRICT_COLLECTIONS, districtAt, districtNamedIn } from "./districts.js";

describe("district boundaries", () => {
  it("ship Astana's five districts with KATO codes, names in three languages and a description", () => {
    const [astana] = DISTRICT_COLLECTIONS;
    expect(astana?.city.kato).toBe("710000000");
    expect(astana?.description).toMatch(/APPROXIMATE/);
    expect(astana?.districts.map((d) => d.kato).sort()).toEqual([
      "711210000",
      "711310000",
      "711410000",
      "711510000",
      "711610000",
    ]);
  });

  it.each([
    [51.1605, 71.4704, "711410000"], // Kenesary street, old centre: Baikonur
    [51.128, 71.4305, "711310000"], // Baiterek, left bank: Yesil
    [51.195, 71.405, "711510000"], // the railway station, north-west: Saryarka
    [51.16, 71.55, "711210000"], // the east of the right bank: Almaty
    [51.05, 71.52, "711610000"], // the south-east of the left bank: Nura
  ])("finds the district of %f, %f", (lat, long, kato) => {
    expect(districtAt({ lat, long })?.kato).toBe(kato);
  });

  it("finds none outside the city or for a point that is not one", () => {
    expect(districtAt({ lat: 49.8, long: 73.1 })).toBeUndefined(); // Karaganda
    expect(districtAt({ lat: Number.NaN, long: 71.4 })).toBeUndefined();
  });

  it.each([
    ["Астана, Есильский район, пр. Мангилик Ел 55", "711310000"],
    ["Астана қаласы, Сарыарқа ауданы, Жеңіс даңғылы 1", "711510000"],
    ["12 Kenesary St, Baikonur district, Astana", "711410000"],
    ["г. Астана, р-н Байконур, ул. Кенесары 40", "711410000"],
    ["Нұра ауданы, Қабанбай батыр 60", "711610000"],
    ["в Сарыаркинском районе", "711510000"],
  ])("reads the district named in %s", (address, kato) => {
    expect(districtNamedIn(address)?.kato).toBe(kato);
  });

  it("names none when none or two districts are named, or a name is only part of a word", () => {
    expect(districtNamedIn("Астана, ул. Кенесары 40")).toBeUndefined();
    expect(districtNamedIn("between Yesil and Nura districts")).toBeUndefined();
    expect(districtNamedIn("ул. Нурай 5")).toBeUndefined();
  });
});
