import SerializerSelector from "@fastify/fast-json-stringify-compiler";
import { Ajv, type Options, type ValidateFunction } from "ajv";
import * as formats from "ajv-formats";
import type { FastifyServerOptions } from "fastify";

type ValidatorFactory = NonNullable<
  NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]
>["buildValidator"];

// ajv-formats is CommonJS: under NodeNext its plugin is the module's `default`.
const addFormats = (formats as unknown as { default: (ajv: Ajv) => Ajv }).default;

const COMMON: Options = {
  useDefaults: true,
  removeAdditional: false,
  allErrors: true,
  addUsedSchema: false,
};

/**
 * Route validators. Path parameters, query strings, headers and page forms are strings on the
 * wire, so their values are coerced to the schema's types ("2" → 2). An API body is JSON,
 * which carries its own types, and is never coerced: a number where a string is required is
 * a 400 VALIDATION. An API body whose every field is optional may be left out; the route then
 * sees `{}`.
 */
/**
 * Compiled validators by what they were compiled from (the shared schemas, coercion, the
 * schema): a process that builds the app again (the tests, a reload) reuses them instead of
 * compiling every route's schemas anew, which is most of the cost of starting the app.
 */
const compiled = new Map<string, { validate: ValidateFunction; stored: boolean }>();
const sharedSets = new Map<string, number>();

function validatorCompiler(externalSchemas: Record<string, unknown>) {
  const shared = JSON.stringify(externalSchemas);
  const setId = sharedSets.get(shared) ?? sharedSets.size;
  sharedSets.set(shared, setId);
  const make = (coerceTypes: boolean) => {
    const ajv = new Ajv({ ...COMMON, coerceTypes });
    addFormats(ajv);
    for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
    return ajv;
  };
  let parts: Ajv | undefined;
  let bodies: Ajv | undefined;
  return ({ schema, httpPart, url }: { schema: unknown; httpPart?: string; url?: string }) => {
    // API bodies are JSON (anything else is a 415); page forms are strings, coerced like queries.
    const json = httpPart === "body" && String(url).startsWith("/api/");
    const key = `${setId}|${json}|${JSON.stringify(schema)}`;
    let entry = compiled.get(key);
    if (!entry) {
      if (json && !bodies) bodies = make(false);
      if (!json && !parts) parts = make(true);
      const ajv = (json ? bodies : parts) as Ajv;
      const id = (schema as { $id?: unknown }).$id;
      const stored = typeof id === "string" ? ajv.getSchema(id) : undefined;
      entry = stored
        ? { validate: stored, stored: true }
        : { validate: ajv.compile(schema as object) as ValidateFunction, stored: false };
      compiled.set(key, entry);
    }
    const { validate } = entry;
    if (entry.stored)
      return json
        ? validate
        : httpPart === "querystring" && !declaresLang(schema)
          ? withoutLang(decimalOnly(validate))
          : decimalOnly(validate);
    if (!json && httpPart === "querystring" && !declaresLang(schema))
      return withoutLang(decimalOnly(validate));
    if (!json) return decimalOnly(validate);
    if (!validate({})) return validate;
    // Fastify passes null for a missing body; an optional body becomes {}.
    const optional = (data: unknown) => (data === null ? { value: {} } : validate(data));
    Object.defineProperty(optional, "errors", { get: () => validate.errors });
    return optional;
  };
}

const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Coercion of a string to a number accepts more than a decimal numeral: "1e309" becomes
 * Infinity (which Ajv's minimum and maximum then let through) and "0x10" becomes 16. A value
 * that was a string and became a number must be a finite decimal; otherwise it is a 400
 * VALIDATION on that field, as any other value of the wrong type.
 */
function decimalOnly(validate: ValidateFunction): ValidateFunction {
  let errors: ValidateFunction["errors"] = null;
  const checked = ((data: unknown) => {
    const before =
      data && typeof data === "object" && !Array.isArray(data)
        ? Object.entries(data as Record<string, unknown>)
        : [];
    if (!validate(data)) {
      errors = validate.errors;
      return false;
    }
    errors = null;
    const after = data as Record<string, unknown>;
    const bad = before.filter(([key, was]) => {
      const now = after[key];
      const strings = Array.isArray(was) ? was : [was];
      const numbers = Array.isArray(now) ? now : [now];
      return strings.some(
        (s, i) =>
          typeof s === "string" &&
          typeof numbers[i] === "number" &&
          (!Number.isFinite(numbers[i]) || !DECIMAL.test(s)),
      );
    });
    if (bad.length === 0) return true;
    errors = bad.map(([key]) => ({
      instancePath: `/${key}`,
      schemaPath: `#/properties/${key}/type`,
      keyword: "type",
      params: { type: "number" },
      message: "must be a finite decimal number",
    }));
    return false;
  }) as ValidateFunction;
  Object.defineProperty(checked, "errors", { get: () => errors });
  Object.defineProperty(checked, "schema", { get: () => validate.schema });
  return checked;
}

const LOCALES = new Set(["kk", "ru", "en"]);

function declaresLang(schema: unknown): boolean {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  return Boolean(properties && "lang" in properties);
}

/**
 * `?lang=kk|ru|en` chooses the language of any answer (see the i18n plugin), so a query
 * schema that does not name it validates the query without it, and a route that refuses
 * unknown parameters does not refuse the language. Another value is left for the schema.
 */
function withoutLang(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown) => {
    const query = data as Record<string, unknown> | null;
    const lang = query?.lang;
    if (!query || typeof lang !== "string" || !LOCALES.has(lang)) return validate(data);
    delete query.lang;
    try {
      return validate(query);
    } finally {
      query.lang = lang;
    }
  }) as ValidateFunction;
  Object.defineProperty(checked, "errors", { get: () => validate.errors });
  Object.defineProperty(checked, "schema", { get: () => validate.schema });
  return checked;
}

/** The factory Fastify calls with the shared schemas (`schemaController.compilersFactory`). */
export const buildValidator = validatorCompiler as unknown as ValidatorFactory;

/** Compiled response serializers by what they were compiled from; see `compiled` above. */
const serializers = new Map<string, SerializerSelector.Serializer>();
const serializerSets = new Map<string, number>();
const defaultSerializers = SerializerSelector();

/**
 * Fastify's own response serializers (fast-json-stringify), compiled once per process for the
 * same shared schemas and route schema (`schemaController.compilersFactory.buildSerializer`).
 */
export const buildSerializer: SerializerSelector.SerializerFactory = (externalSchemas, options) => {
  const shared = JSON.stringify([externalSchemas, options]);
  const setId = serializerSets.get(shared) ?? serializerSets.size;
  serializerSets.set(shared, setId);
  const compile = defaultSerializers(externalSchemas, options);
  return (route) => {
    const key = `${setId}|${JSON.stringify(route.schema)}`;
    let serialize = serializers.get(key);
    if (!serialize) {
      serialize = compile(route);
      serializers.set(key, serialize);
    }
    return serialize;
  };
};
