import type { Command } from 'commander';
import { KeyFormatError, parseVerifierKey, SignatureType } from '../../ledger/checkpoint';
import { HttpLedgerClient } from '../../ledger/verifier';
import { createWitnessKeyFile, createWitnessState, loadWitnessKey, runWitnessLoop, runWitnessOnce, WitnessFileError, type WitnessOutcome } from '../../ledger/witness-client';
import { CcrUsageError } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines } from '../command-kit';
import { positiveInteger } from './ledger.command';
import { LedgerVerificationFailed } from './ledger.errors';

interface InitOptions {
  name?: string;
  key?: string;
  state?: string;
  logKey?: string;
}

interface RunOptions {
  key?: string;
  state?: string;
  once?: boolean;
  interval: number;
}

/**
 * `ccrx witness`: a member agency's witness. It cosigns the log's checkpoints only when they are
 * consistent with the last one it cosigned, and refuses (exit 6) on a fork or a rewritten history.
 */
export function registerWitnessCommands(program: Command, contextOf: ContextOf): void {
  // One command with an optional "init" operand: a parent and a subcommand cannot both own --key.
  program
    .command('witness')
    .argument('[init]', 'create the witness key and state files instead of running')
    .description("Run this agency's witness of the disclosure log (cosigns consistent checkpoints, refuses forks); `witness init` sets one up")
    .option('--key <file>', 'witness key file (written by init; keep it like a private key)')
    .option('--state <file>', 'witness state file (written by init)')
    .option('--once', 'one round, then exit')
    .option('--interval <seconds>', 'seconds between rounds', positiveInteger, 60)
    .option('--name <name>', 'init: witness key name, e.g. witness.dvcoalition.example/w1 (no spaces, no "+")')
    .option('--log-key <vkey>', "init: the log's verifier key, from the CCR's published trust policy (never from the server)")
    .action(async (mode: string | undefined, options: InitOptions & RunOptions, command: Command) => {
      if (mode !== undefined && mode !== 'init') throw new CcrUsageError(`unknown witness command "${mode}" (did you mean init?)`);
      const work: (context: CliContext, options: InitOptions & RunOptions) => Promise<CommandOutput> = mode === 'init' ? init : run;
      await action(contextOf, work)(options, command);
    });
}

async function init(_context: CliContext, options: InitOptions): Promise<CommandOutput> {
  const { name, key, state } = options;
  if (!name || !key || !state || !options.logKey) throw new CcrUsageError('witness init needs --name, --key, --state and --log-key');
  // Check the log key before writing anything, so a typo leaves no half-made witness behind.
  const logKey = await fileStep(() => Promise.resolve().then(() => parseVerifierKey(options.logKey as string)));
  if (logKey.type !== SignatureType.Ed25519) throw new CcrUsageError('--log-key must be the log\'s Ed25519 (type 0x01) verifier key');
  const cosigner = await fileStep(() => createWitnessKeyFile(key, name));
  await fileStep(() => createWitnessState(state, options.logKey as string));
  return {
    json: { name: cosigner.name, verifierKey: cosigner.verifierKey, key, state },
    text: `${lines([
      ['witness', cosigner.name],
      ['verifier key', cosigner.verifierKey],
    ])}\nAsk a CCR administrator to register it: POST /ledger/witnesses {name, verifierKey, agencyId}.`,
  };
}

async function run(context: CliContext, options: RunOptions): Promise<CommandOutput> {
  const { key, state } = options;
  if (!key || !state) throw new CcrUsageError('pass --key and --state (create them with ccrx witness init)');
  const { cosigner, readableByOthers } = await fileStep(() => loadWitnessKey(key));
  if (readableByOthers) context.warn(`${key} is readable by other users: chmod 600 it`);
  const outcome = await withServiceClient(context, async (client) => {
    const round = { client, cosigner, statePath: state };
    if (options.once) return runWitnessOnce(round);
    const stop = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
    return runWitnessLoop({
      ...round,
      intervalMs: options.interval * 1000,
      signal: stop.signal,
      onOutcome: (each) => context.io.out(`${context.options.json ? JSON.stringify(each) : describe(each)}\n`),
      onError: (error) => context.warn(`round failed, will retry: ${error instanceof Error ? error.message : 'unknown error'}`),
    });
  });
  if (outcome?.status === 'refused') {
    if (options.once) context.print({ json: outcome, text: describe(outcome) }); // the loop printed it already
    throw new LedgerVerificationFailed(outcome.message, { reason: outcome.reason });
  }
  if (!options.once || outcome === null) return { json: { stopped: true }, text: 'witness stopped' };
  return { json: outcome, text: describe(outcome) };
}

function describe(outcome: WitnessOutcome): string {
  switch (outcome.status) {
    case 'cosigned':
      return `cosigned the checkpoint of ${outcome.treeSize} entries (consistent with ${outcome.previousSize})`;
    case 'up-to-date':
      return `nothing new: the latest checkpoint (${outcome.treeSize} entries) is already cosigned`;
    case 'refused':
      return outcome.message;
  }
}

/** The witness posts as its agency's service account (the keystore's client key). */
async function withServiceClient<T>(context: CliContext, work: (client: HttpLedgerClient) => Promise<T>): Promise<T> {
  if (context.options.user) return work(new HttpLedgerClient((await context.connect()).http));
  return context.withKeystore(async (keystore) => work(new HttpLedgerClient((await context.connect(keystore)).http)));
}

async function fileStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WitnessFileError || error instanceof KeyFormatError || error instanceof RangeError) throw new CcrUsageError(error.message);
    throw error;
  }
}
