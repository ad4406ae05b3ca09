import { type NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { type AppConfig } from '../../config/config.types';
import { buildOpenApiDocument, serveOpenApi } from '../../openapi/openapi';
import { strictValidationPipe } from './validation';

/** HTTP hardening shared by the service and the tests, so both run the same stack. */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(helmet());
  if (config.http.corsOrigins.length > 0) app.enableCors({ origin: config.http.corsOrigins, credentials: false });
  app.useGlobalPipes(strictValidationPipe());
  serveOpenApi(app, buildOpenApiDocument(app));
}
