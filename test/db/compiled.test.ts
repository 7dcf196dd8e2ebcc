import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compiled, type Params } from "../../src/db/compiled.js";
import type { Db } from "../../src/db/database.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

interface Items {
  items: { id: string; name: string; n: number; tag: string | null };
}
type K = Kysely<Items>;
type Item = Items["items"];

const rows: Item[] = [
  { id: "a", name: "Aigerim", n: 1, tag: "x" },
  { id: "b", name: "Berik", n: 2, tag: null },
  { id: "c", name: "Dana", n: 3, tag: "x" },
  { id: "d", name: "Yerlan", n: 4, tag: "y" },
];

let builds = 0;
const byNameAndMin = compiled((db: K, p: Params<{ name: string; min: number }>) => {
  builds++;
  return db
    .selectFrom("items")
    .select(["id", "n"])
    .where("n", ">=", p("min"))
    .where((eb) => eb.or([eb("name", "=", p("name")), eb("tag", "=", p("name"))]))
    .orderBy("id");
});
const byIds = compiled((db: K, p: Params<{ ids: string[]; tag: string }>) =>
  db
    .selectFrom("items")
    .selectAll()
    .where("id", "in", p.list("ids"))
    .where("tag", "=", p("tag"))
    .orderBy("id"),
);
const insertMany = compiled((db: K, p: Params<{ rows: Item[] }>) =>
  db
    .insertInto("items")
    .values(p.rows("rows", ["id", "name", "n", "tag"]))
    .returning("id"),
);
const rename = compiled((db: K, p: Params<{ id: string; name: string }>) =>
  db
    .updateTable("items")
    .set({ name: p("name") })
    .where("id", "=", p("id")),
);
const remove = compiled((db: K, p: Params<{ id: string }>) =>
  db.deleteFrom("items").where("id", "=", p("id")),
);
const one = compiled((db: K, p: Params<{ id: string }>) =>
  db.selectFrom("items").selectAll().where("id", "=", p("id")),
);

describe.each(testDialects())("compiled queries on %s", (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let k: K;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    k = db.kysely as unknown as K;
    await k.schema
      .createTable("items")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull())
      .addColumn("tag", "text")
      .execute();
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });
  beforeEach(async () => {
    await k.deleteFrom("items").execute();
    await k.insertInto("items").values(rows).execute();
  });

  it("returns what the builder returns, with the parameters given in any order", async () => {
    const before = builds;
    for (const [name, min] of [
      ["x", 2],
      ["Berik", 0],
      ["nobody", 0],
      ["x", 1],
    ] as const) {
      const direct = await k
        .selectFrom("items")
        .select(["id", "n"])
        .where("n", ">=", min)
        .where((eb) => eb.or([eb("name", "=", name), eb("tag", "=", name)]))
        .orderBy("id")
        .execute();
      expect(await byNameAndMin.execute(k, { min, name })).toEqual(direct);
      expect(await byNameAndMin.execute(k, { name, min })).toEqual(direct);
    }
    expect(await byNameAndMin.execute(k, { name: "x", min: 2 })).toEqual([{ id: "c", n: 3 }]);
    // Built once for this database, however often it runs.
    expect(builds - before).toBeLessThanOrEqual(1);
    expect(await one.takeFirst(k, { id: "d" })).toEqual(rows[3]);
    expect(await one.takeFirst(k, { id: "zz" })).toBeUndefined();
  });

  it("compiles a list once per length and gives each element its place", async () => {
    expect((await byIds.execute(k, { ids: ["a"], tag: "x" })).map((r) => r.id)).toEqual(["a"]);
    expect((await byIds.execute(k, { tag: "x", ids: ["d", "c", "a"] })).map((r) => r.id)).toEqual([
      "a",
      "c",
    ]);
    expect((await byIds.execute(k, { ids: ["d", "b"], tag: "y" })).map((r) => r.id)).toEqual(["d"]);
    const added = await insertMany.execute(k, {
      rows: [
        { id: "e", name: "Erlan", n: 5, tag: null },
        { id: "f", name: "Farida", n: 6, tag: "z" },
      ],
    });
    expect(added.map((r) => r.id).sort()).toEqual(["e", "f"]);
    await insertMany.execute(k, { rows: [{ id: "g", name: "Gulnar", n: 7, tag: "z" }] });
    expect(
      await k.selectFrom("items").selectAll().where("n", ">=", 5).orderBy("id").execute(),
    ).toEqual([
      { id: "e", name: "Erlan", n: 5, tag: null },
      { id: "f", name: "Farida", n: 6, tag: "z" },
      { id: "g", name: "Gulnar", n: 7, tag: "z" },
    ]);
  });

  it("writes: updates and deletes report the rows they changed", async () => {
    const r = await rename.run(k, { name: "Bota", id: "b" });
    expect(Number(r.numAffectedRows)).toBe(1);
    expect(Number((await rename.run(k, { id: "none", name: "X" })).numAffectedRows)).toBe(0);
    expect((await one.takeFirst(k, { id: "b" }))?.name).toBe("Bota");
    expect(Number((await remove.run(k, { id: "b" })).numAffectedRows)).toBe(1);
    expect(await one.takeFirst(k, { id: "b" })).toBeUndefined();
  });

  it("runs inside the caller's transaction and rolls back with it", async () => {
    await expect(
      k.transaction().execute(async (trx) => {
        await insertMany.execute(trx, { rows: [{ id: "t", name: "T", n: 9, tag: null }] });
        await rename.run(trx, { id: "a", name: "Changed" });
        expect((await one.takeFirst(trx, { id: "t" }))?.name).toBe("T");
        expect((await one.takeFirst(trx, { id: "a" }))?.name).toBe("Changed");
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await one.takeFirst(k, { id: "t" })).toBeUndefined();
    expect((await one.takeFirst(k, { id: "a" }))?.name).toBe("Aigerim");
    await k.transaction().execute((trx) => rename.run(trx, { id: "a", name: "Kept" }));
    expect((await one.takeFirst(k, { id: "a" }))?.name).toBe("Kept");
  });

  it("refuses a bad call clearly", async () => {
    await expect(one.execute(k, {} as { id: string })).rejects.toThrow('parameter "id" is missing');
    await expect(one.execute(k, { id: ["a", "b"] as unknown as string })).rejects.toThrow(
      'parameter "id" is a single value',
    );
    await expect(byIds.execute(k, { ids: "a" as unknown as string[], tag: "x" })).rejects.toThrow(
      'parameter "ids" must be a list',
    );
    await expect(
      insertMany.execute(k, { rows: [{ id: "h", name: "H", n: 1 } as Item] }),
    ).rejects.toThrow('"rows"[0].tag is missing');
    await expect(
      insertMany.execute(k, {
        rows: [{ id: "h", name: "H", n: 1, tag: null, extra: 1 } as Item],
      }),
    ).rejects.toThrow('rows "rows" have "extra", not a declared column');
  });

  it("refuses at the first build what it cannot express", async () => {
    const singleIn = compiled((db: K, p: Params<{ ids: string[] }>) =>
      db.selectFrom("items").selectAll().where("id", "in", p("ids")),
    );
    await expect(singleIn.execute(k, { ids: ["a"] })).rejects.toThrow(
      /single value used as an `in` list/,
    );
    const changed = compiled((db: K, p: Params<{ name: string }>) =>
      db
        .selectFrom("items")
        .selectAll()
        .where("name", "like", `${p("name")}%`),
    );
    await expect(changed.execute(k, { name: "A" })).rejects.toThrow(/changed by the builder/);
    const upper = compiled((db: K, p: Params<{ name: string }>) =>
      db.selectFrom("items").selectAll().where("name", "=", p("name").toUpperCase()),
    );
    await expect(upper.execute(k, { name: "a" })).rejects.toThrow(/changed by the builder/);
    const inlined = compiled((db: K, p: Params<{ name: string }>) =>
      db
        .selectFrom("items")
        .selectAll()
        .where("name", "=", sql.lit(p("name"))),
    );
    await expect(inlined.execute(k, { name: "A" })).rejects.toThrow(/written into the SQL text/);
    const dropped = compiled((db: K, p: Params<{ name: string }>) => {
      p("name");
      return db.selectFrom("items").selectAll();
    });
    await expect(dropped.execute(k, { name: "A" })).rejects.toThrow(/does not reach the SQL/);
  });
});

describe("compiled queries across databases", () => {
  it("compiles once per database, each in its own dialect", async () => {
    let count = 0;
    const q = compiled((db: K, p: Params<{ id: string }>) => {
      count++;
      return db.selectFrom("items").select("id").where("id", "=", p("id"));
    });
    const opened: { database: TestDatabase; db: Db }[] = [];
    try {
      for (const dialect of [...testDialects(), "sqlite" as const]) {
        const database = await createTestDatabase(dialect);
        const db = database.open();
        opened.push({ database, db });
        const k = db.kysely as unknown as K;
        await k.schema
          .createTable("items")
          .addColumn("id", "text")
          .addColumn("name", "text")
          .addColumn("n", "integer")
          .addColumn("tag", "text")
          .execute();
        await k.insertInto("items").values({ id: dialect, name: "N", n: 1, tag: null }).execute();
        for (let i = 0; i < 3; i++) {
          expect(await q.execute(k, { id: dialect })).toEqual([{ id: dialect }]);
          await k.transaction().execute(async (trx) => {
            expect(await q.execute(trx, { id: dialect })).toEqual([{ id: dialect }]);
          });
        }
        expect(count).toBe(opened.length);
      }
    } finally {
      for (const o of opened) {
        await o.db.close();
        await o.database.drop();
      }
    }
  });
});
