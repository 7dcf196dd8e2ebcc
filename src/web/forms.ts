import { type Static, type TObject, type TSchema, Type } from "@sinclair/typebox";
import { Ajv, type ValidateFunction } from "ajv";
import type { FieldIssue } from "../kernel/result.js";

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

/** What `readForm` gives: the typed values, or the field issues and what was typed. */
export type FormReading<T> =
  | { ok: true; value: T; values: Record<string, string | string[]> }
  | { ok: false; issues: FieldIssue[]; values: Record<string, string | string[]> };

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ajv = new Ajv({ coerceTypes: true, allErrors: true, useDefaults: true, strict: false });
const compiled = new WeakMap<TObject, ValidateFunction>();

/**
 * Reads an HTML form by its schema (TypeBox, as the API's bodies): each value trimmed, an empty
 * field taken as not given, a field the schema says is an array always an array, numbers and
 * booleans coerced, fields the schema does not name left out. Problems come back as field
 * issues keyed `validation.<keyword>` (the API's keys), or by the field schema's `issueKey`
 * (`Type.String({ minLength: 1, issueKey: "meetings.errors.title" })`) or `issueKeys[field]`.
 * `values` is what was typed, to show the form again.
 */
export function readForm<S extends TObject>(
  schema: S,
  body: FormBody | undefined,
  issueKeys: Partial<Record<string, string>> = {},
): FormReading<Static<S>> {
  const data: Record<string, unknown> = {};
  const values: Record<string, string | string[]> = {};
  for (const [name, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
    const raw = body?.[name];
    if ((property as { type?: unknown }).type === "array") {
      const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .map((v) => v.trim())
        .filter((v) => v !== "");
      values[name] = list;
      if (list.length > 0 || body?.[name] !== undefined) data[name] = list;
    } else {
      const value = one(body, name);
      values[name] = value;
      if (value !== "") data[name] = value;
    }
  }
  // Coercion would take "1e309" as Infinity and "0x10" as 16: a number must be a decimal numeral.
  const notDecimal = Object.entries(schema.properties as Record<string, { type?: unknown }>)
    .filter(([name, property]) => {
      const value = data[name];
      return (
        (property.type === "number" || property.type === "integer") &&
        typeof value === "string" &&
        !(DECIMAL.test(value) && Number.isFinite(Number(value)))
      );
    })
    .map(([name]) => name);
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const valid = validate(data);
  if (valid && notDecimal.length === 0) return { ok: true, value: data as Static<S>, values };
  const issues: FieldIssue[] = [];
  for (const field of notDecimal) {
    const property = (schema.properties as Record<string, { issueKey?: string }>)[field];
    issues.push({ field, key: issueKeys[field] ?? property?.issueKey ?? "validation.type" });
  }
  for (const e of valid ? [] : (validate.errors ?? [])) {
    const own = (e.params as { missingProperty?: string }).missingProperty;
    const field = own ?? e.instancePath.replace(/^\//, "").split("/")[0] ?? "";
    if (issues.some((i) => i.field === field)) continue;
    const property = (schema.properties as Record<string, { issueKey?: string }>)[field];
    const key =
      issueKeys[field] ??
      property?.issueKey ??
      `validation.${own !== undefined ? "required" : e.keyword}`;
    const limit = (e.params as { limit?: number }).limit;
    issues.push(limit === undefined ? { field, key } : { field, key, params: { limit } });
  }
  return { ok: false, issues, values };
}
