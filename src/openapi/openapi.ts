import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiProblemsResponse, PROBLEM_DETAILS_SCHEMA, PROBLEM_SCHEMA_NAME, type ProblemStatus } from '../platform/errors/api-problems';
import { withUniqueSchemaNames } from './unique-schema-names';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CCR Exchange')
    .setDescription(
      'Consent-scoped, end-to-end encrypted referrals and case notes between the agencies of a ' +
        'domestic-violence Coordinated Community Response, with a verifiable disclosure log. ' +
        'Errors are RFC 9457 application/problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addCookieAuth(
      'ccr-session',
      {
        type: 'apiKey',
        in: 'cookie',
        description:
          "A person's session (POST /people/session/*): wherever a bearer token is accepted, a person may instead send this cookie " +
          '(__Host-ccr-session on https) with the X-CCR-CSRF header from this origin.',
      },
      'cookie',
    )
    .build();
  // A duplicate class name would document one class with the other's schema: fail instead.
  const document = withUniqueSchemaNames(() =>
    SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` }),
  );
  nullableReferencesWithoutType(document);
  documentEdgeProblems(document);
  // Referenced by @ApiProblems(); not a class, so that it can admit extension members.
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_DETAILS_SCHEMA } };
  return document;
}

/**
 * @nestjs/swagger writes a nullable object property as { nullable, type: 'object', allOf: [$ref] }.
 * With `type` beside it, OpenAPI 3.0 tools read "an object that also matches $ref" and refuse
 * null; without it, { nullable, allOf: [$ref] } is the form they read as "this object, or null".
 */
function nullableReferencesWithoutType(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(nullableReferencesWithoutType);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true && Array.isArray(schema.allOf) && schema.type === 'object' && schema.properties === undefined) delete schema.type;
  Object.values(schema).forEach(nullableReferencesWithoutType);
}

/**
 * Answers the HTTP edge can give on any route, before a handler runs (decisions 0047, 0048): a
 * query string with NUL, a lone surrogate or a `__proto__` member is 422 on every operation; any
 * body of a POST, PUT, PATCH or DELETE is parsed and checked (400, 413, 415, 422) whether or not the
 * operation reads one; and an operation behind the access guard looks its principal up, so it
 * answers 503 while the database is unreachable. The token endpoint documents its own (RFC 6749).
 */
function documentEdgeProblems(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (path === '/oauth/token') continue;
    for (const [method, operation] of Object.entries(item) as [string, { responses?: Record<string, unknown>; security?: unknown[] }][]) {
      if (!operation?.responses) continue;
      const edge: ProblemStatus[] = [422];
      if (['post', 'put', 'patch', 'delete'].includes(method)) edge.push(400, 413, 415);
      if (operation.security && operation.security.length > 0) edge.push(503);
      for (const status of edge) operation.responses[String(status)] ??= ApiProblemsResponse(status);
    }
  }
}

/** Swagger UI at /docs and the raw document at /docs/openapi.json. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
