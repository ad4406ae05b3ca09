import OpenAPIResponseValidator from 'openapi-response-validator';
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

/**
 * Checks answers against the served OpenAPI document with openapi-response-validator (ajv): the
 * status must be documented for the operation, the media type documented for that status, and a
 * JSON body must match its schema. Objects are closed here (additionalProperties: false unless a
 * schema says otherwise), so a property the document does not name fails too: the document must
 * say exactly what the API answers.
 */
export class OpenApiContract {
  private readonly routes: Route[];
  private readonly components: OpenAPIV3.ComponentsObject;
  private readonly validators = new Map<string, OpenAPIResponseValidator>();

  constructor(document: OpenAPIV3.Document) {
    const closed = closeObjects(structuredClone(document));
    this.components = closed.components ?? {};
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
    const failed = this.validator(`${key} ${observed.status} ${mediaType}`, schema).validateResponse('200', body);
    return failed ? `the body does not match the documented schema: ${(failed.errors as { path?: string; message: string }[]).map((error) => `${error.path ?? ''} ${error.message}`.trim()).join('; ')}` : undefined;
  }

  private validator(key: string, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): OpenAPIResponseValidator {
    let validator = this.validators.get(key);
    if (!validator) {
      validator = new OpenAPIResponseValidator({
        responses: { '200': { schema: schema } },
        components: this.components,
        customFormats: FORMATS,
      });
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
