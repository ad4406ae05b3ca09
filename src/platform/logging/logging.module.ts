import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { type AppConfig } from '../../config/config.types';
import { pinoHttpOptions } from './pino-options';

/**
 * Structured JSON logs (pino) with the request id on every line. Headers and bodies are never
 * serialized, so tokens, cookies and survivor data cannot reach the log.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: [pinoHttpOptions(config.logging.level), destination ?? process.stdout] })],
    };
  }
}
