import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, BAIKONUR, citizen, file, staff } from "./support.js";

describe.each(testDialects())("inbox search (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("finds Cyrillic words whatever their case, by word prefix, and numbers by their start", async () => {
    const me = await citizen(t);
    const head = await staff(t, "head");
    const lamp = await file(t, me, { subject: "Жарық жоқ: Сарыарқа көшесі" });
    const road = await file(t, me, { subject: "Дорога на улице Кенесары разбита" });
    const search = async (q: string) =>
      (
        await api(t, head, "GET", `/api/v1/agencies/${BAIKONUR}/appeals?q=${encodeURIComponent(q)}`)
      ).json.items.map((i: { number: string }) => i.number);
    expect(await search("САРЫАРҚА")).toEqual([lamp.number]);
    expect(await search("жары")).toEqual([lamp.number]);
    expect(await search("кенесары дорога")).toEqual([road.number]);
    expect(await search("кенесары сарыарқа")).toEqual([]);
    expect(await search(road.number)).toEqual([road.number]);
    const prefix = road.number.slice(0, -1);
    const started = await search(prefix);
    expect(started).toContain(road.number);
    for (const n of started) expect(n.startsWith(prefix)).toBe(true);
    expect(await search("%_")).toEqual([]);
  });
});
