import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The app's own OpenAPI 3.1 document as validators: its schemas are JSON Schema 2020-12, so ajv checks each
 * response against the schema documented for its status and content type, and each generated request against
 * its parameter and body schemas (so a request counts as valid because the document allows it, not because the
 * generator meant it to be).
 */

type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  path: string;
  id: string;
  parameters: Parameter[];
  body?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  secured: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Schema> };
}

// ajv is CommonJS: its default export arrives as the module object under some loaders.
const defaultOf = <T>(module: T): T => (module as { default?: T }).default ?? module;
const Ajv2020 = defaultOf(Ajv2020Module);
const addFormats = defaultOf(addFormatsModule);

const DOCUMENT_ID = 'https://contract.invalid/openapi.json';

/** Every `#/components/...` reference made absolute, so a schema compiled on its own still finds them. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `${DOCUMENT_ID}${inner}`
        : absoluteRefs(inner),
    ]),
  );
}

function newAjv(options: { coerceTypes?: boolean } = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, ...options });
  addFormats(ajv);
  // OpenAPI's file formats say how bytes travel, not what a string must look like.
  ajv.addFormat('binary', true);
  ajv.addFormat('byte', true);
  return ajv;
}

export function contractOf(rawDocument: OpenApiDocument) {
  const document = absoluteRefs(rawDocument) as OpenApiDocument;
  const ajv = newAjv();
  // Parameters arrive as text: coerced to the schema's type, as the route's zod schemas coerce them.
  const coercing = newAjv({ coerceTypes: true });
  const root = { $id: DOCUMENT_ID, components: document.components };
  ajv.addSchema(root);
  coercing.addSchema(root);
  const compiled = new Map<Schema, ReturnType<typeof ajv.compile>>();
  const compiledCoercing = new Map<Schema, ReturnType<typeof ajv.compile>>();
  const validatorOf = (schema: Schema, coerce = false) => {
    const cache = coerce ? compiledCoercing : compiled;
    let validate = cache.get(schema);
    if (!validate) {
      validate = (coerce ? coercing : ajv).compile(schema);
      cache.set(schema, validate);
    }
    return validate;
  };
  /** Null when the value fits the schema, else ajv's errors as text. */
  const check = (schema: Schema, value: unknown, coerce = false): string | null => {
    const validate = validatorOf(schema, coerce);
    return validate(value) ? null : ajv.errorsText(validate.errors, { separator: '; ' });
  };
  /** A `$ref` to a component resolved one level, for generators that walk the schema. */
  const resolve = (schema: Schema): Schema => {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    const name = ref.split('/').at(-1) as string;
    return resolve(document.components.schemas[name] as Schema);
  };

  /** Every `$ref` replaced by its component, for the generator (request schemas are not recursive). */
  const deref = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(deref);
    if (schema === null || typeof schema !== 'object') return schema;
    const resolved = resolve(schema as Schema);
    return Object.fromEntries(Object.entries(resolved).map(([key, inner]) => [key, deref(inner)]));
  };

  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const body = operation.requestBody as Operation['body'];
      operations.push({
        method: method.toUpperCase(),
        path,
        id: `${method.toUpperCase()} ${path}`,
        parameters: (operation.parameters as Parameter[] | undefined) ?? [],
        ...(body ? { body: { required: body.required ?? false, content: body.content } } : {}),
        responses: operation.responses as Operation['responses'],
        secured: Array.isArray(operation.security) && operation.security.length > 0,
      });
    }
  }
  return { document, operations, check, resolve, deref: (schema: Schema) => deref(schema) as Schema };
}

export type Contract = ReturnType<typeof contractOf>;
