import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type AppConfig } from '../config/config.types';
import { runtimeDataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  /** `url` is the resolved connection string: DATABASE_URL, or the embedded cluster's. */
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(runtimeDataSourceOptions(config, url))],
    };
  }
}
