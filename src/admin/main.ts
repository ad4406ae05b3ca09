import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { ConfigError } from '../config/config.errors';
import { type EmbeddedDatabase, useEmbeddedPostgres } from '../database/embedded-postgres';
import { migrateUp } from '../database/migrator';
import { PrincipalsService } from '../principals/principals.service';

/**
 * Operator commands (`npm run admin -- <command>`), run on the server side with its environment:
 *   bootstrap    create the coordinating body and the first administrator; prints the one-time password
 *   server-keys  print fresh JWT_SIGNING_KEYS and LEDGER_SIGNING_KEY values for the environment
 */
const program = new Command('ccr-admin').description('CCR Exchange operator commands').showHelpAfterError();

program
  .command('bootstrap')
  .description('create the first administrator (refused once an administrator exists)')
  .requiredOption('--username <name>', 'login name of the administrator')
  .option('--display-name <name>', 'display name', 'CCR administrator')
  .option('--coordinating-body <name>', 'name of the coordinating body agency', 'CCR coordinating body')
  .action(async (options: { username: string; displayName: string; coordinatingBody: string }) => {
    const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    let embedded: EmbeddedDatabase | undefined;
    try {
      if (!config.database.url) embedded = await useEmbeddedPostgres({ dataDir: config.database.dataDir, port: config.database.embeddedPort });
      const url = config.database.url ?? embedded?.url ?? '';
      await migrateUp(config.database.migrationUrl ?? url);
      const app = await NestFactory.createApplicationContext(AppModule.register(config, url, { logDestination: process.stderr }), { logger: false });
      try {
        const { principal, oneTimeSecret } = await app.get(PrincipalsService).bootstrapFirstAdministrator({
          username: options.username,
          displayName: options.displayName,
          coordinatingBodyName: options.coordinatingBody,
        });
        process.stdout.write(
          `Administrator "${principal.username}" created in the coordinating body.\n` +
            `One-time password (shown once, store it now):\n${oneTimeSecret}\n` +
            `Obtain a token: curl -s -X POST <api>/oauth/token -d grant_type=password -d username=${principal.username} --data-urlencode password=<it>\n`,
        );
      } finally {
        await app.close();
      }
    } finally {
      await embedded?.stop();
    }
  });

program
  .command('server-keys')
  .description('print new signing keys for the environment (never commit them)')
  .action(() => {
    const kid = new Date().toISOString().slice(0, 10);
    const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid };
    process.stdout.write(`JWT_SIGNING_KEYS='${JSON.stringify([jwk])}'\nLEDGER_SIGNING_KEY=${randomBytes(32).toString('base64')}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
