import type { Command } from 'commander';
import { CcrClient, CcrUsageError, enrol, type Keyring, PersonSession } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { promptHidden } from '../passphrase-prompt';
import { closePrompter, NEW_SECRET_ENV, secret, SECRET_ENV, totpCode } from '../person-prompts';

interface AsPerson {
  as?: string;
}

/**
 * People and their keys (issue 19, decisions 0114–0117). A person signs in for each command with
 * their own secret and a TOTP code: ccrx keeps no session and no key between runs. Commands that
 * wrap, remove or recover act as a member: the keystore's service account, or a person (--as).
 */
/** action(), closing this run's line reader afterwards. */
function run<O>(contextOf: ContextOf, work: (context: CliContext, options: O) => Promise<CommandOutput>) {
  return action(contextOf, async (context: CliContext, options: O) => {
    try {
      return await work(context, options);
    } finally {
      closePrompter(context);
    }
  });
}

export function registerPersonCommands(program: Command, contextOf: ContextOf): void {
  const person = program.command('person').description("People: enrol, sign in, unlock their agency's keys; members add, remove and recover people");
  person
    .command('enrol')
    .description('Set up your own secret and authenticator with the enrolment (or recovery) code you were given')
    .requiredOption('--code <code>', 'the code after #enrol= in the link')
    .action(run(contextOf, enrolCommand));
  person
    .command('sign-in')
    .description('Sign in (secret and TOTP); the first time, make your person keys and show the fingerprint to read to a member')
    .requiredOption('--username <name>', 'your username')
    .action(run(contextOf, signInCommand));
  person
    .command('unlock')
    .description("Sign in and open your agency's keys from your membership wraps (checks that they open; nothing is saved)")
    .requiredOption('--username <name>', 'your username')
    .action(run(contextOf, unlockCommand));
  person
    .command('passwd')
    .description('Change your own secret (asks for two TOTP codes: one to sign in, a fresh one to confirm)')
    .requiredOption('--username <name>', 'your username')
    .action(run(contextOf, passwdCommand));
  person
    .command('wrap')
    .description("Add a person: wrap the agency's keys to them, only if their keys have the fingerprint their device showed you")
    .requiredOption('--person <id>', 'the person (lowercase UUID)', uuidArgument)
    .requiredOption('--fingerprint <fp>', 'the fingerprint their `ccrx person sign-in` (or console) showed, compared aloud')
    .option('--as <username>', 'act as this person (signs in) instead of the keystore service account')
    .action(run(contextOf, wrapCommand));
  person
    .command('remove')
    .description("Remove a person at once (their wraps, keys, sessions, login), then rotate the agency's keys and re-wrap to everyone left")
    .requiredOption('--person <id>', 'the person (lowercase UUID)', uuidArgument)
    .option('--no-rotate', 'only remove; rotate later (the agency stays due for rotation)')
    .option('--as <username>', 'act as this person (signs in) instead of the keystore service account')
    .action(run(contextOf, removeCommand));
  person
    .command('recover')
    .description('Start the recovery of a colleague who forgot their secret: a single-use re-enrolment link to hand them')
    .requiredOption('--person <id>', 'the person (lowercase UUID)', uuidArgument)
    .option('--as <username>', 'act as this person (signs in) instead of the keystore service account')
    .action(run(contextOf, recoverCommand));
}

async function enrolCommand(context: CliContext, options: { code: string }): Promise<CommandOutput> {
  const secret = await newSecret(context);
  const enrolled = await enrol({
    baseUrl: api(context),
    code: options.code,
    secret,
    confirmSecondFactor: async (setUp) => {
      context.io.err(`Add this key to your authenticator app (TOTP, 6 digits, 30 s): ${setUp.totpSecret.replace(/(.{4})/g, '$1 ').trim()}\n`);
      return totpCode(context, 'The code your authenticator shows now: ');
    },
  });
  const text = `${enrolled.recovered ? 'Re-enrolled' : 'Enrolled'} ${enrolled.username}. Next: ccrx person sign-in --username ${enrolled.username} (with the next code), to make your keys.`;
  return { json: enrolled, text };
}

async function signInCommand(context: CliContext, options: { username: string }): Promise<CommandOutput> {
  return withSession(context, options.username, async (session) => {
    const me = await session.whoami();
    const existing = await keysOrNone(session);
    const made = existing ? undefined : await session.setUpKeys();
    const fingerprint = made?.fingerprint ?? (await session.fingerprint());
    const member = (existing?.wraps.length ?? 0) > 0;
    const json = { personId: me.id, agencyId: me.agencyId, fingerprint, keysMadeNow: made !== undefined, member };
    const next = member ? 'You are a member: ccrx person unlock opens your agency\'s keys.' : `Read this fingerprint to a member of your agency, who runs: ccrx person wrap --person ${me.id} --fingerprint '${fingerprint}'`;
    return { json, text: `${lines([['person', me.id], ['fingerprint', fingerprint]])}\n${next}` };
  });
}

async function unlockCommand(context: CliContext, options: { username: string }): Promise<CommandOutput> {
  return withSession(context, options.username, async (session) => {
    const keyring = await session.unlock();
    try {
      const { rotationDue } = await session.myKeys();
      const epochs = keyring.epochs.map((epoch) => epoch.epoch);
      const text = lines([['agency', keyring.agencyId], ['epochs', epochs.join(', ')], ['rotation due', rotationDue ? 'yes: ccrx person remove … rotates; or run a rotation from the SDK' : 'no']]);
      return { json: { agencyId: keyring.agencyId, epochs, rotationDue }, text };
    } finally {
      await keyring.close();
    }
  });
}

async function passwdCommand(context: CliContext, options: { username: string }): Promise<CommandOutput> {
  return withSession(context, options.username, async (session) => {
    const next = await newSecret(context);
    await session.changeSecret(next, () => totpCode(context, 'A fresh code (the next one your authenticator shows): '));
    return { json: { changed: true }, text: 'Secret changed. Your other sessions were ended; your keys open with the new secret.' };
  });
}

async function wrapCommand(context: CliContext, options: { person: string; fingerprint: string } & AsPerson): Promise<CommandOutput> {
  return asMember(context, options, async (client) => {
    const added = await client.members.add(options.person, { fingerprint: options.fingerprint });
    return { json: added, text: `Added ${options.person} (fingerprint ${added.fingerprint}): epochs ${added.epochs.join(', ')} wrapped. Log entry ${added.logIndex}.` };
  });
}

async function removeCommand(context: CliContext, options: { person: string; rotate: boolean } & AsPerson): Promise<CommandOutput> {
  return asMember(context, options, async (client) => {
    const removed = await client.members.remove(options.person);
    if (!options.rotate || !removed.rotationDue) {
      return { json: { removed, rotated: null }, text: `Removed ${options.person} (log entry ${removed.logIndex}).${removed.rotationDue ? ' The agency is due for a key rotation.' : ''}` };
    }
    const rotated = await client.members.rotate();
    const skipped = rotated.skipped.map((each) => `${each.personId} (${each.reason})`).join(', ');
    const text = `Removed ${options.person} (log entry ${removed.logIndex}). Rotated to epoch ${rotated.epoch}, fingerprint ${rotated.fingerprint}, re-wrapped to ${rotated.people.length} people.${skipped ? ` Not re-wrapped: ${skipped}.` : ''}`;
    return { json: { removed, rotated }, text };
  });
}

async function recoverCommand(context: CliContext, options: { person: string } & AsPerson): Promise<CommandOutput> {
  return asMember(context, options, async (client) => {
    const started = await client.members.startRecovery(options.person);
    const text = `Hand this link to ${options.person} in person or by phone (single use, until ${started.expiresAt}):\n${started.link}\nThey run ccrx person enrol --code ${started.code}, then sign in and read you their new fingerprint; then: ccrx person wrap --person ${options.person} --fingerprint …`;
    return { json: started, text };
  });
}

/** The person's keys and wraps, or undefined before they made keys (404). */
async function keysOrNone(session: PersonSession): Promise<Awaited<ReturnType<PersonSession['myKeys']>> | undefined> {
  try {
    return await session.myKeys();
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** A member's client: a person signed in and unlocked (--as), or the keystore's service account. */
async function asMember(context: CliContext, options: AsPerson, work: (client: CcrClient) => Promise<CommandOutput>): Promise<CommandOutput> {
  if (!options.as) {
    return context.withKeystore(async (keystore) => {
      const client = await context.connect(keystore);
      try {
        return await work(client);
      } finally {
        client.close();
      }
    });
  }
  return withSession(context, options.as, async (session) => {
    const keyring: Keyring = await session.unlock();
    try {
      return await work(await CcrClient.connect({ session, keyring }));
    } finally {
      await (keyring as { close?: () => Promise<void> }).close?.();
    }
  });
}

/** Signs in for this one command and signs out afterwards, whatever happens. */
async function withSession<T>(context: CliContext, username: string, work: (session: PersonSession) => Promise<T>): Promise<T> {
  const session = await PersonSession.signIn({
    baseUrl: api(context),
    origin: context.io.env.CCRX_ORIGIN,
    username,
    secret: await secret(context, `Secret for ${username}: `, SECRET_ENV),
    secondFactor: () => totpCode(context, 'Authenticator code: '),
  });
  try {
    return await work(session);
  } finally {
    await session.signOut().catch(() => undefined);
  }
}

function api(context: CliContext): string {
  if (!context.options.api) throw new CcrUsageError('no API address: pass --api <url> or set CCRX_API');
  return context.options.api;
}

async function newSecret(context: CliContext): Promise<string> {
  const fromEnvironment = context.io.env[NEW_SECRET_ENV];
  if (fromEnvironment) return fromEnvironment;
  const first = await secret(context, 'Choose your secret (at least 12 characters; nobody at the CCR can see or reset it): ', NEW_SECRET_ENV);
  const again = await promptHidden('Repeat it: ', context.io.stdin, context.io.err);
  if (again !== first) throw new CcrUsageError('the two secrets differ');
  return first;
}
