import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { type AppConfig } from './config/config.types';
import { configureHttp } from './platform/http/configure-http';

/** Builds the whole application; the service's main and every e2e test go through here. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: AppModuleOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl, options), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureHttp(app, config);
  return app;
}
