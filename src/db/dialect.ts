export type Dialect = "sqlite" | "postgres";

/**
 * Which database a URL names. Apart from `database.ts` so that the primary of a multi-process
 * start can tell without loading the query builder and the SQLite driver it never uses.
 */
export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}
