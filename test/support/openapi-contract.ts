import Ajv, { type ValidateFunction } from 'ajv';
import { type OpenAPIV3 } from 'openapi-types';

/** One answer of the application, as it left the server. */
export interface ObservedResponse {
  method: string;
  /** Path and query, as requested. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

/**
 * The explicit exceptions to "every answer is documented, status, media type and body":
 * - paths that are not operations of the API;
 * - media types whose bodies are not JSON, checked by status and media type only.
 */
export const UNDOCUMENTED_PATH_PREFIXES: Readonly<Record<string, string>> = {
  '/docs': 'Swagger UI and the OpenAPI document itself (JSON and YAML): they describe the API, they are not part of it',
};
export const HEADER_ONLY_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'text/html': "the survivor's printable accounting: an HTML page for people (its JSON twin is validated in full)",
  'text/plain': 'a checkpoint as a C2SP signed note: checked by its signature in the ledger tests (its JSON twin is validated in full)',
  'application/x-ndjson': 'the streamed audit export: one AuditEntry per line (the same entries are validated in full through GET /ledger/audit/entries)',
  'text/csv': 'the audit export for spreadsheets: fixed columns, checked by the audit tests',
};

/** Statuses of the body checks that run before routing (platform/http/body-parsing.ts). */
const BODY_CHECKED_BEFORE_ROUTING = [400, 413, 415];
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Formats the document uses, checked for real (ajv alone would ignore them). */
const FORMATS = {
  uuid: (value: string) => UUID.test(value),
  'date-time': (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  uri: (value: string) => URL.canParse(value),
};

interface Route {
  template: string;
  pattern: RegExp;
  parameters: number;
  item: OpenAPIV3.PathItemObject;
}

/** Where the document's component schemas live in the validator: `#/components/schemas/X` becomes this + X. */
const COMPONENT_SCHEMA_ID = 'https://ccr.test/openapi/components/schemas/';

/**
 * Checks answers against the served OpenAPI document with ajv: the status must be documented for
 * the operation, the media type documented for that status, and a JSON body must match its schema.
 * Objects are closed here (additionalProperties: false unless a schema says otherwise), so a
 * property the document does not name fails too: the document must say exactly what the API answers.
 *
 * One ajv for the whole document, its component schemas added once by id: each is compiled once
 * however many answers refer to it. (A validator per answer with the components inlined, as
 * openapi-response-validator builds it, compiled them again for every route a suite met: about a
 * fifth of a second each, the largest cost of the e2e tier after the apps themselves; decision 0154.)
 */
export class OpenApiContract {
  private readonly routes: Route[];
  private readonly ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false, logger: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIV3.Document) {
    const closed = closeObjects(structuredClone(document));
    for (const [format, check] of Object.entries(FORMATS)) this.ajv.addFormat(format, check);
    // Not checked against the meta-schema one by one (nor were they inside each validator's root): the
    // answers' schemas that refer to them are, at compile time.
    for (const [name, schema] of Object.entries(closed.components?.schemas ?? {})) this.ajv.addSchema(asJsonSchema(schema), `${COMPONENT_SCHEMA_ID}${name}`, undefined, false);
    this.routes = Object.entries(closed.paths)
      .map(([template, item]) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        parameters: (template.match(/\{/g) ?? []).length,
        item: item as OpenAPIV3.PathItemObject,
      }))
      .sort((a, b) => a.parameters - b.parameters); // a literal path wins over a template
  }

  /** What is wrong with this answer, or undefined if the document describes it exactly. */
  violation(observed: ObservedResponse): string | undefined {
    const path = observed.url.split('?')[0];
    if (Object.keys(UNDOCUMENTED_PATH_PREFIXES).some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return undefined;
    const method = observed.method.toLowerCase();
    const route = this.routes.find((each) => each.pattern.test(path) && each.item[method as OpenAPIV3.HttpMethods] !== undefined);
    if (!route) return this.unknownRouteViolation(observed);
    const operation = route.item[method as OpenAPIV3.HttpMethods] as OpenAPIV3.OperationObject;
    return this.operationViolation(`${method} ${route.template}`, operation, observed);
  }

  /**
   * No operation has this method and path: the answer must be a 404 problem — or, since a body is
   * read before routing, the 400/413/415 problem that refuses the body.
   */
  private unknownRouteViolation(observed: ObservedResponse): string | undefined {
    if (![404, ...BODY_CHECKED_BEFORE_ROUTING].includes(observed.status)) {
      return `no operation of the document matches ${observed.method} ${observed.url}, yet it answered ${observed.status}`;
    }
    return this.problemViolation('unknown route', observed);
  }

  private problemViolation(key: string, observed: ObservedResponse): string | undefined {
    const problem: OpenAPIV3.ResponseObject = {
      description: 'unknown route',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    };
    return this.responseViolation(key, problem, observed);
  }

  private operationViolation(key: string, operation: OperationObjectWithResponses, observed: ObservedResponse): string | undefined {
    const documented = operation.responses[String(observed.status)] ?? operation.responses.default;
    // 500 is documented nowhere (no operation should answer it), but it must still be a problem:
    // tests that inject database faults provoke it on purpose, and any other test that meets one
    // fails on its own status expectation.
    if (!documented && observed.status === 500) return this.problemViolation('internal error', observed);
    if (!documented) return `status ${observed.status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`;
    return this.responseViolation(key, documented as OpenAPIV3.ResponseObject, observed);
  }

  private responseViolation(key: string, documented: OpenAPIV3.ResponseObject, observed: ObservedResponse): string | undefined {
    const mediaType = observed.contentType?.split(';')[0].trim().toLowerCase();
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0) {
      return observed.body.length === 0 ? undefined : `status ${observed.status} is documented without a body, yet one came (${mediaType ?? 'no content type'})`;
    }
    if (observed.method.toUpperCase() === 'HEAD') return undefined;
    if (!mediaType || !(mediaType in content)) {
      return `content type ${mediaType ?? '(none)'} is not documented for status ${observed.status} (documented: ${Object.keys(content).join(', ')})`;
    }
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      return mediaType in HEADER_ONLY_MEDIA_TYPES ? undefined : `${mediaType} bodies are neither JSON nor a listed exception (HEADER_ONLY_MEDIA_TYPES)`;
    }
    const schema = content[mediaType].schema;
    if (!schema) return `no schema is documented for ${mediaType} at status ${observed.status}`;
    let body: unknown;
    try {
      body = JSON.parse(observed.body.toString('utf8'));
    } catch {
      return `the ${mediaType} body is not JSON`;
    }
    const validate = this.validator(`${key} ${observed.status} ${mediaType}`, schema);
    if (validate({ response: body })) return undefined;
    return `the body does not match the documented schema: ${(validate.errors ?? []).map((error) => `${error.instancePath.replace(/^\/response(?=\/|$)/, '').replace(/^\//, '')} ${error.message ?? error.keyword}`.trim()).join('; ')}`;
  }

  private validator(key: string, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): ValidateFunction {
    let validator = this.validators.get(key);
    if (!validator) {
      // Wrapped as openapi-response-validator did, so a body of null or a scalar is checked as a value.
      validator = this.ajv.compile({ type: 'object', properties: { response: asJsonSchema(schema) } });
      this.validators.set(key, validator);
    }
    return validator;
  }
}

type OperationObjectWithResponses = OpenAPIV3.OperationObject & { responses: Record<string, OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject> };

/** Every schema with `properties` and no word on others admits no others. */
function closeObjects<T>(node: T): T {
  if (Array.isArray(node)) {
    node.forEach((each) => closeObjects(each));
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.properties !== undefined && typeof record.properties === 'object' && record.additionalProperties === undefined) record.additionalProperties = false;
    Object.values(record).forEach((each) => closeObjects(each));
  }
  return node;
}

/** Describes an answer briefly for a failure message (no more than the start of its body). */
export function describeResponse(observed: ObservedResponse): string {
  const text = observed.body.toString('utf8');
  return `${observed.method.toUpperCase()} ${observed.url} → ${observed.status} ${observed.contentType ?? ''}\n${text.length > 600 ? `${text.slice(0, 600)}…` : text}`;
}

/**
 * OpenAPI 3.0's schema dialect as JSON Schema for ajv, on a copy (what openapi-response-validator
 * did for each validator): `nullable` becomes a null type, writeOnly properties are not required in
 * an answer, and component references point at the schemas added by id.
 */
function asJsonSchema(schema: unknown): Record<string, unknown> {
  const copy = structuredClone(schema) as Record<string, unknown>;
  toJsonSchema(copy);
  return copy;
}

function toJsonSchema(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(toJsonSchema);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  if (typeof object.$ref === 'string' && object.$ref.startsWith('#/components/schemas/')) object.$ref = `${COMPONENT_SCHEMA_ID}${object.$ref.slice('#/components/schemas/'.length)}`;
  if (object.nullable === true) {
    if (object.enum) {
      // An enum cannot be null by type alone: its values would still exclude null.
      object.oneOf = [{ type: 'null' }, { type: object.type, enum: object.enum }];
      delete object.type;
      delete object.enum;
    } else if (object.type) {
      object.type = [object.type, 'null'];
    } else if (object.allOf) {
      object.anyOf = [{ allOf: object.allOf }, { type: 'null' }];
      delete object.allOf;
    } else {
      const alternatives = object.oneOf ?? object.anyOf;
      if (Array.isArray(alternatives)) alternatives.push({ type: 'null' });
    }
    delete object.nullable;
  }
  const properties = object.properties as Record<string, { writeOnly?: boolean }> | undefined;
  if (properties && Array.isArray(object.required)) {
    object.required = object.required.filter((name) => properties[name as string]?.writeOnly !== true);
  }
  Object.values(object).forEach(toJsonSchema);
}
