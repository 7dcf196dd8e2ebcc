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
function validatorCompiler(externalSchemas: Record<string, unknown>) {
  const make = (coerceTypes: boolean) => {
    const ajv = new Ajv({ ...COMMON, coerceTypes });
    addFormats(ajv);
    for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
    return ajv;
  };
  const parts = make(true);
  const bodies = make(false);
  return ({ schema, httpPart, url }: { schema: unknown; httpPart?: string; url?: string }) => {
    // API bodies are JSON (anything else is a 415); page forms are strings, coerced like queries.
    const json = httpPart === "body" && String(url).startsWith("/api/");
    const ajv = json ? bodies : parts;
    const id = (schema as { $id?: unknown }).$id;
    if (typeof id === "string") {
      const stored = ajv.getSchema(id);
      if (stored) return stored;
    }
    const validate = ajv.compile(schema as object) as ValidateFunction;
    if (!json || !validate({})) return validate;
    // Fastify passes null for a missing body; an optional body becomes {}.
    const optional = (data: unknown) => (data === null ? { value: {} } : validate(data));
    Object.defineProperty(optional, "errors", { get: () => validate.errors });
    return optional;
  };
}

/** The factory Fastify calls with the shared schemas (`schemaController.compilersFactory`). */
export const buildValidator = validatorCompiler as unknown as ValidatorFactory;
