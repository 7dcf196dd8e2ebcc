import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  type TestDatabase,
  testDialects,
} from "../../../test/support/databases.js";
import type { Db } from "../../db/database.js";
import { migrateToLatest } from "../../platform/migrate.js";
import { treeOrder } from "./agency.js";
import {
  addCompetence,
  categoriesOfAgency,
  competentAgencies,
  countAgencies,
  findAgencyBySlug,
  insertAgency,
  insertCategory,
  listAgencies,
} from "./agency.repository.js";
import { demoAgencies, demoCategories } from "./demo-data.js";
import { agenciesManifest } from "./manifest.js";

describe.each(testDialects())("agency repository on %s", (dialect) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    await migrateToLatest(db.kysely, [agenciesManifest]);
    const now = "2025-03-19T05:00:00.000Z";
    for (const a of demoAgencies()) await insertAgency(db.kysely, a, now);
    for (const { category, competent } of demoCategories()) {
      await insertCategory(db.kysely, category);
      for (const id of competent) await addCompetence(db.kysely, id, category.id);
    }
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it("round-trips a body with names, address and flags", async () => {
    const a = await findAgencyBySlug(db.kysely, "astana-akimat");
    expect(a).toMatchObject({
      id: "ag-astana-akimat",
      kind: "akimat",
      level: "region",
      active: true,
      names: { en: "Akimat of Astana City" },
      address: { ru: "Астана, ул. Бейбитшилик, 11" },
    });
    expect(await findAgencyBySlug(db.kysely, "missing")).toBeUndefined();
  });

  it("filters by kind and parent, and hides inactive bodies unless asked", async () => {
    expect(await countAgencies(db.kysely)).toBe(14);
    expect((await listAgencies(db.kysely, { kind: "maslikhat" })).length).toBe(6);
    expect((await listAgencies(db.kysely, { parentId: "ag-astana-maslikhat" })).length).toBe(5);
    await db.kysely
      .updateTable("agencies")
      .set({ active: 0 })
      .where("id", "=", "ag-nura-maslikhat")
      .execute();
    expect((await listAgencies(db.kysely, { kind: "maslikhat" })).length).toBe(5);
    expect(
      (await listAgencies(db.kysely, { kind: "maslikhat", includeInactive: true })).length,
    ).toBe(6);
    await db.kysely
      .updateTable("agencies")
      .set({ active: 1 })
      .where("id", "=", "ag-nura-maslikhat")
      .execute();
  });

  it("finds the competent body, narrowed to the district for local matters", async () => {
    const all = await competentAgencies(db.kysely, "cat-roads-lighting");
    expect(all).toHaveLength(5);
    const baikonur = await competentAgencies(db.kysely, "cat-roads-lighting", "711410000");
    expect(baikonur.map((a) => a.slug)).toEqual(["baikonur-district-akimat"]);
    const pensions = await competentAgencies(db.kysely, "cat-pensions-benefits");
    expect(pensions.map((a) => a.slug)).toEqual(["ministry-labour"]);
    const cats = await categoriesOfAgency(db.kysely, "ag-yesil-akimat");
    expect(cats.map((c) => c.slug)).toEqual([
      "roads-lighting",
      "housing-utilities",
      "landscaping",
      "waste",
    ]);
  });

  it("refuses a body whose parent does not exist", async () => {
    const orphan = {
      ...demoAgencies()[0],
      id: "ag-orphan",
      slug: "orphan",
      parentId: "ag-nowhere",
    } as Parameters<typeof insertAgency>[1];
    await expect(insertAgency(db.kysely, orphan, "2025-01-01T00:00:00Z")).rejects.toThrow();
  });

  it("orders the hierarchy parents first, children beneath", async () => {
    const ordered = treeOrder(await listAgencies(db.kysely), "en");
    const slugs = ordered.map((o) => `${"  ".repeat(o.depth)}${o.agency.slug}`);
    expect(slugs.indexOf("astana-akimat")).toBeLessThan(slugs.indexOf("  almaty-district-akimat"));
    expect(ordered.find((o) => o.agency.slug === "astana-akimat")?.children).toBe(5);
    expect(ordered.filter((o) => o.depth === 0)).toHaveLength(4);
  });
});
