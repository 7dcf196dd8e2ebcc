import type {
  Compilable,
  CompiledQuery,
  DeleteResult,
  InsertResult,
  Kysely,
  KyselyPlugin,
  QueryResult,
  UpdateResult,
} from "kysely";
import type { Database } from "./schema.js";

/**
 * Hot queries compiled once. A repository declares a query with the ordinary Kysely builder and
 * named parameters; the builder runs once per database (its adapter: SQLite and PostgreSQL write
 * different SQL) and shape, with a unique marker in place of each parameter, and every call
 * afterwards only puts the values where the markers were and runs the compiled statement through
 * `db.executeQuery`, so the database's plugins, its driver (and SQLite's statement cache) and the
 * caller's transaction are used as with the builder.
 *
 *     const bySession = compiled((db, p: Params<{ idHash: string }>) =>
 *       db.selectFrom("sessions").selectAll().where("id_hash", "=", p("idHash")));
 *     const row = await bySession.takeFirst(trx, { idHash });
 *
 * What the builder does with a value is frozen at the first build: everything that is not a
 * parameter is a constant. A list of variable length is `p.list(name)` (an `in` list) or
 * `p.rows(name, columns)` (the rows of a multi-row insert); the query is compiled once per length.
 * Refused with an error at the first build: a parameter the builder transformed, inlined into the
 * SQL text or dropped; a single parameter as an `in` list. Refused at each call: a missing value,
 * a list where a single value is declared.
 */

/** The parameters a builder may name: `p("x")` for one value, `p.list` and `p.rows` for lists. */
export interface Params<P> {
  <K extends keyof P & string>(name: K): P[K];
  /** A list of values of variable length, e.g. `where("id", "in", p.list("ids"))`. */
  list<K extends ListKey<P>>(name: K): P[K];
  /** The rows of a multi-row insert; each given row must have every one of `columns`. */
  rows<K extends ListKey<P>>(name: K, columns: readonly (keyof ElementOf<P[K]> & string)[]): P[K];
}

type ListKey<P> = {
  [K in keyof P & string]: P[K] extends readonly unknown[] ? K : never;
}[keyof P & string];
type ElementOf<T> = T extends readonly (infer E)[] ? E : never;

/** The row a builder's query returns (none for a write without `returning`: use `run`). */
export type RowOf<Q> =
  Q extends Compilable<infer R>
    ? R extends InsertResult | UpdateResult | DeleteResult
      ? never
      : R
    : never;

/** Where a value of the call goes: a single parameter, an element of a list, a row's column. */
type Slot =
  | { kind: "one"; name: string }
  | { kind: "item"; name: string; index: number }
  | { kind: "cell"; name: string; index: number; column: string };

interface Plan {
  query: CompiledQuery<unknown>;
  /** For each position of `parameters`: where its value comes from, or undefined for a constant. */
  slots: (Slot | undefined)[];
  /** The columns of each `p.rows`: a given row with any other would lose that value. */
  rowColumns: [name: string, columns: ReadonlySet<string>][];
}

/** The plans compiled for one database: per plugin list (a `withPlugin` copy shares the adapter). */
interface ForAdapter {
  plugins: readonly KyselyPlugin[];
  byShape: Map<string, Plan>;
}

/** Plans kept per statement and database: lengths of lists beyond it are compiled again. */
const MAX_SHAPES = 64;
const MARK = "\u0001\u0002";
let marks = 0;

export class CompiledStatement<P, R, DB = Database> {
  readonly #build: (db: Kysely<DB>, p: Params<P>) => Compilable<R>;
  readonly #plans = new WeakMap<object, ForAdapter[]>();
  /** The names given as `p.list`/`p.rows`, known once the builder has run; their lengths key a plan. */
  #lists: string[] | null = null;

  constructor(build: (db: Kysely<DB>, p: Params<P>) => Compilable<R>) {
    this.#build = build;
  }

  /** Runs the query; the rows it returns (none for a write without `returning`). */
  async execute(db: Kysely<DB>, params: P): Promise<R[]> {
    return (await this.run(db, params)).rows;
  }

  async takeFirst(db: Kysely<DB>, params: P): Promise<R | undefined> {
    return (await this.run(db, params)).rows[0];
  }

  /** Runs the query and returns the driver's whole result (`numAffectedRows` of a write). */
  run(db: Kysely<DB>, params: P): Promise<QueryResult<R>> {
    const plan = this.#plan(db, params as Record<string, unknown>);
    const values = params as Record<string, unknown>;
    for (const [name, columns] of plan.rowColumns) checkColumns(values, name, columns);
    const constants = plan.query.parameters;
    const parameters = new Array<unknown>(constants.length);
    for (let i = 0; i < constants.length; i++) {
      const slot = plan.slots[i];
      parameters[i] = slot === undefined ? constants[i] : valueAt(values, slot);
    }
    return db.executeQuery<R>({
      query: plan.query.query,
      queryId: plan.query.queryId,
      sql: plan.query.sql,
      parameters,
    });
  }

  #plan(db: Kysely<DB>, params: Record<string, unknown>): Plan {
    const executor = db.getExecutor();
    let forAdapters = this.#plans.get(executor.adapter);
    if (!forAdapters) {
      forAdapters = [];
      this.#plans.set(executor.adapter, forAdapters);
    }
    let mine = forAdapters.find((f) => samePlugins(f.plugins, executor.plugins));
    if (!mine) {
      mine = { plugins: [...executor.plugins], byShape: new Map() };
      forAdapters.push(mine);
    }
    if (this.#lists) {
      const shape = shapeOf(this.#lists, params);
      const plan = mine.byShape.get(shape);
      if (plan) return plan;
    }
    const { plan, lists } = compile(db, this.#build, params);
    this.#lists = lists;
    if (mine.byShape.size >= MAX_SHAPES) {
      mine.byShape.delete(mine.byShape.keys().next().value as string);
    }
    mine.byShape.set(shapeOf(lists, params), plan);
    return plan;
  }
}

/** Declares a query compiled once per database and shape (see the top of this file). */
export function compiled<
  P = Record<never, never>,
  Q extends Compilable<unknown> = never,
  DB = Database,
>(build: (db: Kysely<DB>, p: Params<P>) => Q): CompiledStatement<P, RowOf<Q>, DB> {
  return new CompiledStatement<P, RowOf<Q>, DB>(
    build as unknown as (db: Kysely<DB>, p: Params<P>) => Compilable<RowOf<Q>>,
  );
}

function samePlugins(a: readonly KyselyPlugin[], b: readonly KyselyPlugin[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listOf(params: Record<string, unknown>, name: string): readonly unknown[] {
  const v = params[name];
  if (!Array.isArray(v)) throw new Error(`compiled query: parameter "${name}" must be a list`);
  return v;
}

function shapeOf(lists: string[], params: Record<string, unknown>): string {
  if (lists.length === 0) return "";
  return lists.map((name) => listOf(params, name).length).join(",");
}

function checkColumns(
  params: Record<string, unknown>,
  name: string,
  columns: ReadonlySet<string>,
): void {
  for (const row of params[name] as readonly Record<string, unknown>[]) {
    for (const column in row) {
      if (!columns.has(column)) {
        throw new Error(`compiled query: rows "${name}" have "${column}", not a declared column`);
      }
    }
  }
}

function valueAt(params: Record<string, unknown>, slot: Slot): unknown {
  if (slot.kind === "one") {
    const v = params[slot.name];
    if (v === undefined) throw new Error(`compiled query: parameter "${slot.name}" is missing`);
    if (Array.isArray(v)) {
      throw new Error(
        `compiled query: parameter "${slot.name}" is a single value; declare a list with p.list`,
      );
    }
    return v;
  }
  const item = (params[slot.name] as readonly unknown[])[slot.index];
  if (slot.kind === "item") {
    if (item === undefined) {
      throw new Error(`compiled query: "${slot.name}"[${slot.index}] is missing`);
    }
    return item;
  }
  const v = (item as Record<string, unknown> | undefined)?.[slot.column];
  if (v === undefined) {
    throw new Error(`compiled query: "${slot.name}"[${slot.index}].${slot.column} is missing`);
  }
  return v;
}

/** Runs the builder once with a marker for every parameter and finds where each marker went. */
function compile<P, DB>(
  db: Kysely<DB>,
  build: (db: Kysely<DB>, p: Params<P>) => Compilable<unknown>,
  params: Record<string, unknown>,
): { plan: Plan; lists: string[] } {
  const prefix = `${MARK}p${++marks}:`;
  const slots = new Map<string, Slot>();
  const singles = new Set<string>();
  const lists = new Set<string>();
  const rowColumns: Plan["rowColumns"] = [];
  const mark = (slot: Slot) => {
    const m = `${prefix}${slots.size}P\u0001`; // both cases: a change of case shows
    slots.set(m, slot);
    return m;
  };
  const declare = (name: string, asList: boolean) => {
    if ((asList ? singles : lists).has(name)) {
      throw new Error(`compiled query: "${name}" is used both as a single value and as a list`);
    }
    (asList ? lists : singles).add(name);
  };
  const p = ((name: string) => {
    declare(name, false);
    return mark({ kind: "one", name });
  }) as Params<P>;
  p.list = ((name: string) => {
    declare(name, true);
    return listOf(params, name).map((_, index) => mark({ kind: "item", name, index }));
  }) as Params<P>["list"];
  p.rows = ((name: string, columns: readonly string[]) => {
    declare(name, true);
    if (columns.length === 0) throw new Error(`compiled query: rows "${name}" name no columns`);
    rowColumns.push([name, new Set(columns)]);
    return listOf(params, name).map((_, index) =>
      Object.fromEntries(
        columns.map((column) => [column, mark({ kind: "cell", name, index, column })]),
      ),
    );
  }) as unknown as Params<P>["rows"];

  const query = build(db, p).compile();
  if (query.sql.includes(MARK)) {
    throw new Error(`compiled query: a parameter was written into the SQL text: ${query.sql}`);
  }
  const used = new Set<string>();
  const planSlots = query.parameters.map((value) => {
    if (typeof value !== "string" || !value.includes(MARK)) return undefined;
    const slot = slots.get(value);
    if (!slot) {
      throw new Error(
        `compiled query: a parameter was changed by the builder (${JSON.stringify(value)}); pass it as it is bound`,
      );
    }
    used.add(value);
    return slot;
  });
  for (const [m, slot] of slots) {
    if (!used.has(m)) {
      throw new Error(`compiled query: parameter "${slot.name}" does not reach the SQL`);
    }
  }
  refuseSingleInList(query.query, slots);
  return { plan: { query, slots: planSlots, rowColumns }, lists: [...lists] };
}

/** A single parameter on the right of `in`: the list's length would be fixed at one. */
function refuseSingleInList(node: unknown, slots: Map<string, Slot>): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) refuseSingleInList(n, slots);
    return;
  }
  const n = node as Record<string, unknown>;
  if (n.kind === "BinaryOperationNode") {
    const op = (n.operator as { operator?: string } | undefined)?.operator;
    const right = n.rightOperand as { kind?: string; value?: unknown } | undefined;
    if (
      (op === "in" || op === "not in") &&
      right?.kind === "ValueNode" &&
      typeof right.value === "string" &&
      slots.has(right.value)
    ) {
      const name = slots.get(right.value)?.name;
      throw new Error(
        `compiled query: parameter "${name}" is a single value used as an \`${op}\` list; declare it with p.list`,
      );
    }
  }
  for (const key in n) refuseSingleInList(n[key], slots);
}
