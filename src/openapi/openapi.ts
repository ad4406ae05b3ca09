import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
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
    .build();
  // A duplicate class name would document one class with the other's schema: fail instead.
  return withUniqueSchemaNames(() =>
    SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` }),
  );
}

/** Swagger UI at /docs and the raw document at /docs/openapi.json. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
