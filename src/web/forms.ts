import { Type } from "@sinclair/typebox";

/**
 * The one reader of HTML forms: @fastify/formbody's parse, checked by a schema, and one way of
 * taking a field's value. Every page handler reads its form through these.
 */

/** An HTML form as @fastify/formbody parses it: a repeated name becomes an array. */
export type FormBody = Record<string, string | string[] | undefined>;

/** Any urlencoded form, as a route's body schema: a command validates the fields themselves. */
export const FormBodySchema = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Array(Type.String())]),
);

/** One field's value, trimmed; the first when the form repeats it, "" when absent. */
export function one(body: FormBody | undefined, name: string): string {
  const v = body?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return (first ?? "").trim();
}
