import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { ConfigError } from '../config/config.errors';
import { type AppConfig } from '../config/config.types';
import { createKeyFile, KEY_FILES, replaceKeyFile } from '../config/key-files';
import { type EmbeddedDatabase, useEmbeddedPostgres } from '../database/embedded-postgres';
import { migrateUp } from '../database/migrator';
import { keyFingerprint } from '../ledger/checkpoint';
import { LogKeyUnavailableError } from '../ledger/ledger.errors';
import { LogKeysService, type Rotation, RotationRefusedError } from '../ledger/log/log-keys.service';
import { EnrolmentService } from '../people/enrolment.service';
import { newOpaqueServerSetup } from '../people/opaque-server';
import { PrincipalsService } from '../principals/principals.service';
import { DeadlineSweepJob } from '../scheduler/deadline-sweep.job';
import { sweepTime, SweepTimeRefusedError } from '../scheduler/sweep-time';

/**
 * Operator commands (`npm run admin -- <command>`), run on the server side with its environment:
 *   bootstrap       create the coordinating body and the first administrator; prints the one-time password
 *   server-keys     print fresh JWT_SIGNING_KEYS, LEDGER_SIGNING_KEY and OPAQUE_SERVER_SETUP values for the environment
 *   rotate-log-key  hand the disclosure log over to a new signing key, by a signed transition entry
 *   enrolment-code  issue a person's single-use enrolment link (the first administrator's own, say)
 *   sweep           run the deadline and action sweeps once (`--as-of` outside production: a demo's or a test's time)
 */
const program = new Command('ccr-admin').description('CCR Exchange operator commands').showHelpAfterError();

program
  .command('bootstrap')
  .description('create the first administrator (refused once an administrator exists)')
  .requiredOption('--username <name>', 'login name of the administrator')
  .option('--display-name <name>', 'display name', 'CCR administrator')
  .option('--coordinating-body <name>', 'name of the coordinating body agency', 'CCR coordinating body')
  .action(async (options: { username: string; displayName: string; coordinatingBody: string }) => {
    await withApplication(loadAdminConfig(), async (app) => {
      const { principal, oneTimeSecret } = await app.get(PrincipalsService).bootstrapFirstAdministrator({
        username: options.username,
        displayName: options.displayName,
        coordinatingBodyName: options.coordinatingBody,
      });
      process.stdout.write(
        `Administrator "${principal.username}" created in the coordinating body.\n` +
          `One-time password (shown once, store it now):\n${oneTimeSecret}\n` +
          `Obtain a token: curl -s -X POST <api>/oauth/token -d grant_type=password -d username=${principal.username} --data-urlencode password=<it>\n` +
          `To sign in with a secret of your own and a second factor instead: npm run admin -- enrolment-code --username ${principal.username}\n`,
      );
    });
  });

program
  .command('server-keys')
  .description('print new signing keys for the environment (never commit them)')
  .action(async () => {
    const kid = new Date().toISOString().slice(0, 10);
    const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid };
    process.stdout.write(
      `JWT_SIGNING_KEYS='${JSON.stringify([jwk])}'\nLEDGER_SIGNING_KEY=${randomBytes(32).toString('base64')}\n` +
        `OPAQUE_SERVER_SETUP=${await newOpaqueServerSetup()}\n`,
    );
  });

program
  .command('enrolment-code')
  .description("issue a person's single-use enrolment link (replaces any unused one; for an enrolled person it is a re-enrolment)")
  .requiredOption('--username <name>', 'login name of the person')
  .action(async (options: { username: string }) => {
    await withApplication(loadAdminConfig(), async (app) => {
      const principal = await app.get(PrincipalsService).findActiveByUsername(options.username);
      if (!principal) throw new Error(`no active principal named "${options.username}"`);
      const issued = await app.get(EnrolmentService).issueCode(principal.agencyId, principal.id, null);
      process.stdout.write(
        `Enrolment link for "${principal.username}" (single use, until ${issued.expiresAt.toISOString()}):\n${issued.link}\n` +
          'Hand it over in person or by phone: whoever opens it first sets the secret.\n',
      );
    });
  });

program
  .command('rotate-log-key')
  .description('hand the disclosure log over to a new signing key: appends a key transition signed by the key in force and the new one')
  .action(async () => {
    let config = loadAdminConfig();
    const folder = config.ledger.keyFolder;
    if (folder && !config.ledger.nextSigningSeed) {
      createKeyFile(folder, KEY_FILES.ledgerNext, `${randomBytes(32).toString('base64')}\n`);
      config = loadAdminConfig();
    }
    if (!config.ledger.nextSigningSeed) {
      throw new RotationRefusedError(
        'set LEDGER_NEXT_SIGNING_KEY to the new key (npm run admin -- server-keys) here and on every API process, then run rotate-log-key again',
      );
    }
    const rotation = await withApplication(config, (app) => app.get(LogKeysService).rotate());
    // The data folder's next key becomes its key only once the transition is in the log.
    if (folder) replaceKeyFile(folder, KEY_FILES.ledgerNext, KEY_FILES.ledger);
    process.stdout.write(describeRotation(rotation, folder !== null));
  });

program
  .command('sweep')
  .description('run the deadline sweep and the action sweep once, as the scheduler does every minute; prints what each did')
  .option('--as-of <instant>', 'act as if it were this ISO 8601 instant (refused with NODE_ENV=production; decision 0150)')
  .action(async (options: { asOf?: string }) => {
    const config = loadAdminConfig();
    const at = sweepTime(options.asOf, config.env, new Date());
    const outcome = await withApplication(config, (app) => app.get(DeadlineSweepJob).sweepAt(at));
    process.stdout.write(`${JSON.stringify({ asOf: at.toISOString(), ...outcome })}\n`);
  });

function loadAdminConfig(): AppConfig {
  return loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
}

/**
 * The whole application (without HTTP) on the configured database, migrated; the embedded one
 * started if need be. A one-off command never joins the deployment's job runners: a job it fetched
 * could still be finishing when the command exits (it once failed that way, on its closed pool).
 */
async function withApplication<T>(command: AppConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config: AppConfig = { ...command, scheduler: { ...command.scheduler, enabled: false } };
  let embedded: EmbeddedDatabase | undefined;
  try {
    if (!config.database.url) embedded = await useEmbeddedPostgres({ dataDir: config.database.dataDir, port: config.database.embeddedPort });
    const url = config.database.url ?? embedded?.url ?? '';
    await migrateUp(config.database.migrationUrl ?? url);
    const app = await NestFactory.createApplicationContext(AppModule.register(config, url, { logDestination: process.stderr }), { logger: false });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

function describeRotation(rotation: Rotation, inDataFolder: boolean): string {
  const done = rotation.alreadyRecorded ? 'The log was already handed over to the next key (an earlier run stopped before its last step).' : 'The log key was handed over.';
  const after = inDataFolder
    ? 'The data folder now holds the new key; running API processes pick it up at their next checkpoint.'
    : 'API processes that have LEDGER_NEXT_SIGNING_KEY sign with the new key now. At the next deployment, set LEDGER_SIGNING_KEY to the new key and remove LEDGER_NEXT_SIGNING_KEY.';
  return [
    done,
    `old key:      ${rotation.oldKey}`,
    `              fingerprint ${keyFingerprint(rotation.oldKey)}`,
    `new key:      ${rotation.newKey}`,
    `              fingerprint ${keyFingerprint(rotation.newKey)}`,
    `in force from tree size ${rotation.from} (the transition is log entry ${rotation.index})`,
    after,
    'Verifiers and witnesses follow the signed transition from the key they trust: their trust policies need no change.',
    '',
  ].join('\n');
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  if (error instanceof SweepTimeRefusedError) {
    process.stderr.write(`sweep refused: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof RotationRefusedError || error instanceof LogKeyUnavailableError) {
    process.stderr.write(`rotate-log-key refused: ${error instanceof LogKeyUnavailableError ? error.reason : error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
