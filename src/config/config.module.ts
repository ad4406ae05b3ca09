import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CONFIG } from './config';
import { type AppConfig } from './config.types';

/** Makes the one configuration object built at boot injectable everywhere as CONFIG. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
