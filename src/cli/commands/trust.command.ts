import { type Command, InvalidArgumentError } from 'commander';
import { createNoteVerifier, KeyFormatError, keyFingerprint, LogKeyHistory, parseVerifierKey, SignatureType } from '../../ledger/checkpoint';
import {
  formatTrustPolicyFile,
  type LogKeysJson,
  readTrustPolicyFile,
  servedTransitions,
  TrustPolicyError,
  type TrustPolicyFile,
  trustPolicyOf,
  withWitness,
} from '../../ledger/verifier';
import { CcrUsageError, HttpCore } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf } from '../command-kit';
import { readInput, writeFileWhole } from '../file-io';
import { LedgerVerificationFailed } from './ledger.errors';
import { describeTrustPolicy, initOutput, type ServerKeys } from './trust.format';

/**
 * `ccrx ledger trust init | add-witness | show`: writes and explains the trust policy, so that no
 * one writes base64 JSON by hand. The policy holds the log's root key; verifiers follow the log's
 * signed key transitions from it themselves.
 */
export function registerTrustCommands(ledger: Command, contextOf: ContextOf): void {
  const trust = ledger.command('trust').description('Write and explain the trust policy the verifier checks the log against (kept by you, never taken from the server)');
  trust
    .command('init')
    .description("Write a new trust policy: from the log's root key the server publishes (compare the printed fingerprint out of band), or from --log-key")
    .requiredOption('--trust <file>', 'the trust policy file to write')
    .option('--log-key <vkey>', "the log's root verifier key, as the CCR published it (then the server is not asked)")
    .option('--force', 'replace an existing file')
    .action(action(contextOf, init));
  trust
    .command('add-witness')
    .description('Add a witness (its cosignature/v1 verifier key, from the witness agency) and optionally set the quorum')
    .requiredOption('--trust <file>', 'the trust policy file to change')
    .requiredOption('--witness <vkey>', "the witness's verifier key (type 0x04), as its agency gave it to you")
    .option('--quorum <n>', 'how many listed witnesses must cosign every checkpoint (default: unchanged)', nonNegativeInteger)
    .action(action(contextOf, addWitness));
  trust
    .command('show')
    .description('Explain a trust policy in plain words, with the fingerprints to compare out of band')
    .requiredOption('--trust <file>', 'the trust policy file')
    .action(action(contextOf, show));
}

async function init(context: CliContext, options: { trust: string; logKey?: string; force?: boolean }): Promise<CommandOutput> {
  const server = options.logKey === undefined ? await fromServer(context) : null;
  const root = options.logKey ?? (server as ServerKeys).root;
  const file: TrustPolicyFile = { log: root, witnesses: [], quorum: 0 };
  await checked(() => trustPolicyOf(file));
  await writeFileWhole(context.io, options.trust, formatTrustPolicyFile(file), { replace: options.force === true });
  return initOutput(options.trust, root, server);
}

async function addWitness(context: CliContext, options: { trust: string; witness: string; quorum?: number }): Promise<CommandOutput> {
  const file = await readPolicy(context, options.trust);
  const next = await checked(() => withWitness(file, options.witness, options.quorum));
  await writeFileWhole(context.io, options.trust, formatTrustPolicyFile(next), { replace: true });
  const witness = parseVerifierKey(options.witness);
  const explained = describeTrustPolicy(options.trust, next);
  return {
    json: explained.json,
    text: `Added witness ${witness.name}, fingerprint ${keyFingerprint(options.witness)}.\n\n${explained.text}`,
  };
}

async function show(context: CliContext, options: { trust: string }): Promise<CommandOutput> {
  const file = await readPolicy(context, options.trust);
  await checked(() => trustPolicyOf(file));
  return describeTrustPolicy(options.trust, file);
}

/**
 * The log's root key as the server publishes it, after checking that every key transition the
 * server lists is signed by the key before it: a server whose own history does not verify is not
 * one to start trusting.
 */
async function fromServer(context: CliContext): Promise<ServerKeys> {
  const api = context.options.api;
  if (!api) throw new CcrUsageError('no API address to fetch the log key from: pass --api <url> (or CCRX_API), or give the key with --log-key');
  const served = (await new HttpCore({ baseUrl: api }).request<LogKeysJson>({ method: 'GET', path: '/ledger/log-keys' })).body;
  const root = served.keys?.[0]?.verifierKey;
  if (typeof root !== 'string') throw new LedgerVerificationFailed('the server published no log key', { reason: 'no-log-key' });
  const rootKey = await checked(() => createNoteVerifier(root));
  if (rootKey.type !== SignatureType.Ed25519) throw new LedgerVerificationFailed('the server published a log key that is not an Ed25519 (type 0x01) key', { reason: 'bad-log-key' });
  const { history, failure } = await LogKeyHistory.rootedAt(rootKey).follow(servedTransitions(served), served.origin);
  if (failure) throw new LedgerVerificationFailed(`the log's key history does not verify: ${failure.message}`, { reason: failure.reason });
  return { origin: served.origin, root, current: history.current.vkey, transitions: history.periods.length - 1 };
}

async function readPolicy(context: CliContext, path: string): Promise<TrustPolicyFile> {
  return checked(async () => readTrustPolicyFile((await readInput(context.io, path)).toString('utf8')));
}

/** A bad key or policy is a usage error (exit 2), as for every command that reads --trust. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TrustPolicyError || error instanceof KeyFormatError) throw new CcrUsageError(error.message);
    throw error;
  }
}

function nonNegativeInteger(value: string): number {
  if (!/^(?:0|[1-9][0-9]{0,5})$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return Number(value);
}
