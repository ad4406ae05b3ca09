import { Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { formBodyParser, jsonBodyParser, refuseUnacceptableInput, requireSupportedContentType } from './body-parsing';

/**
 * Body parsing as Nest middleware, registered after the request logger so that every request —
 * also one refused for its body — gets a request id, an access-log line and a problem+json answer.
 */
@Module({})
export class HttpPipelineModule implements NestModule {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    const limit = this.config.http.bodyLimitBytes;
    consumer
      .apply(requireSupportedContentType, jsonBodyParser(limit), formBodyParser(limit), refuseUnacceptableInput)
      .forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
