import { type Command, InvalidArgumentError, Option } from 'commander';
import { AgencyKeystore, offlineDirectory } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, uuidArgument } from '../command-kit';
import { directoryOutput, initOutput, localOutput, type LocalKeystoreView, registrationOutput } from './keys.format';

interface InitOptions {
  agency: string;
  clientId: string;
  kdf: 'moderate' | 'sensitive' | 'interactive';
}

export function registerKeysCommands(program: Command, contextOf: ContextOf): void {
  const keys = program.command('keys').description("This agency's keys, and other agencies' pinned keys");
  keys
    .command('init')
    .description('Create the keystore: agency keys (epoch 1) and the service account client key')
    .requiredOption('--agency <id>', 'this agency id (lowercase UUID)', uuidArgument)
    .requiredOption('--client-id <id>', 'the service account client id (its username)')
    .addOption(new Option('--kdf <strength>', 'Argon2id cost of the passphrase').choices(['moderate', 'sensitive', 'interactive']).default('moderate'))
    .action(action(contextOf, init));
  keys.command('register').description('Register every keystore epoch the directory lacks (safe to repeat)').action(action(contextOf, register));
  keys.command('rotate').description('Create epoch n+1 signed by epoch n, save it, register it (resumes an interrupted rotation)').action(action(contextOf, rotate));
  keys
    .command('show')
    .description('Show this keystore (offline), or fetch, verify and pin another agency\'s keys (--agency)')
    .option('--agency <id>', 'an agency whose keys to fetch and pin', uuidArgument)
    .action(action(contextOf, show));
  keys
    .command('pin')
    .description('Fetch an agency\'s keys and pin them only if the current fingerprint matches the one it gave you')
    .requiredOption('--agency <id>', 'the agency id', uuidArgument)
    .requiredOption('--fingerprint <fp>', 'its current fingerprint, obtained out of band (quote the spaces)')
    .action(action(contextOf, pin));
  keys
    .command('strict-pins')
    .description("This keystore's rule for partners' keys not pinned yet: on = refuse them until pinned with keys pin --fingerprint; off = pin on first use, with a warning")
    .argument('<on|off>', 'the rule', (value: string) => {
      if (value !== 'on' && value !== 'off') throw new InvalidArgumentError('expected on or off.');
      return value;
    })
    .action(async (value: 'on' | 'off', _options: unknown, command: Command) => {
      const context = contextOf(command);
      context.print(await strictPins(context, value === 'on'));
    });
  keys
    .command('unpin')
    .description('Forget an agency\'s pinned keys (only after confirming a key change out of band)')
    .requiredOption('--agency <id>', 'the agency id', uuidArgument)
    .action(action(contextOf, unpin));
}

async function init(context: CliContext, options: InitOptions): Promise<CommandOutput> {
  const passphrase = await context.passphrase('create');
  const keystore = await AgencyKeystore.create({ path: context.keystorePath, agencyId: options.agency, clientId: options.clientId, passphrase, strength: options.kdf });
  try {
    return initOutput(await localView(context, keystore));
  } finally {
    await keystore.close();
  }
}

function register(context: CliContext): Promise<CommandOutput> {
  return context.withKeystore(async (keystore) => registrationOutput(await (await context.connect(keystore)).keys.register()));
}

function rotate(context: CliContext): Promise<CommandOutput> {
  return context.withKeystore(async (keystore) => registrationOutput(await (await context.connect(keystore)).keys.rotate()));
}

function show(context: CliContext, options: { agency?: string }): Promise<CommandOutput> {
  return context.withKeystore(async (keystore) => {
    if (!options.agency) return localOutput(await localView(context, keystore));
    return directoryOutput(await (await context.connect(keystore)).keys.get(options.agency));
  });
}

function pin(context: CliContext, options: { agency: string; fingerprint: string }): Promise<CommandOutput> {
  return context.withKeystore(async (keystore) => {
    const client = await context.connect(keystore);
    return directoryOutput(await client.keys.get(options.agency, { expectFingerprint: options.fingerprint }));
  });
}

function strictPins(context: CliContext, strict: boolean): Promise<CommandOutput> {
  return context.withKeystore(async (keystore) => {
    keystore.setStrictPins(strict);
    await keystore.save();
    const text = strict
      ? "Strict pins: ccrx now refuses a partner agency's keys until they are pinned with ccrx keys pin --fingerprint."
      : "Strict pins off: a partner agency's keys are pinned on first use, with a warning to compare the fingerprint.";
    return { json: { strictPins: strict }, text };
  });
}

function unpin(context: CliContext, options: { agency: string }): Promise<CommandOutput> {
  return context.withKeystore(async (keystore) => {
    const removed = await offlineDirectory(keystore).forget(options.agency);
    const text = removed ? `Forgot the keys pinned for agency ${options.agency}.` : `No keys were pinned for agency ${options.agency}.`;
    return { json: { agencyId: options.agency, removed }, text };
  });
}

async function localView(context: CliContext, keystore: AgencyKeystore): Promise<LocalKeystoreView> {
  return {
    keystore: context.keystorePath,
    agencyId: keystore.agencyId,
    epochs: await keystore.publicEpochs(),
    clientId: keystore.clientId ?? null,
    clientJwk: keystore.clientId ? await keystore.clientPublicJwk() : null,
    pins: keystore.pins(),
    strictPins: keystore.strictPins,
  };
}
