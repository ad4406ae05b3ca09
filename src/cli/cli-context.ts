import { resolve } from 'node:path';
import { AgencyKeystore, CcrClient, CcrUsageError, Credentials, type DirectoryEntry, passphraseFromEnvironment, PASSPHRASE_ENV, PASSPHRASE_FILE_ENV, PersonSession } from '../sdk';
import type { CliIo } from './cli-io';
import { promptHidden } from './passphrase-prompt';
import { closePrompter, secret, SECRET_ENV, totpCode } from './person-prompts';

export const DEFAULT_KEYSTORE = './ccrx-keystore.json';
const PASSWORD_ENV = 'CCRX_PASSWORD';
/** The person a terminal session signs in as by default (each command needed --user before). */
export const USER_ENV = 'CCRX_USER';

/** Options every command accepts (defined on the root program). */
export interface GlobalOptions {
  api?: string;
  keystore: string;
  json?: boolean;
  debug?: boolean;
  user?: string;
  strictPins?: boolean;
}

/** What one command needs to print, once in human form and once for --json. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** The command already wrote its result to stdout (e.g. --out -): print nothing more there. */
  quiet?: boolean;
}

/** The services a command uses: keystore, connection, passphrase, output. */
export class CliContext {
  /** What ends with the command: a person's session signed out, their keys wiped, the line reader closed. */
  readonly #endings: (() => Promise<void> | void)[] = [];

  constructor(
    readonly options: GlobalOptions,
    readonly io: CliIo,
  ) {}

  get keystorePath(): string {
    return resolve(this.io.cwd, this.options.keystore);
  }

  async passphrase(purpose: 'open' | 'create'): Promise<string> {
    const fromEnvironment = await passphraseFromEnvironment(this.io.env);
    if (fromEnvironment !== undefined) return fromEnvironment;
    if (!this.io.stdin.isTTY) {
      throw new CcrUsageError(`no keystore passphrase: set ${PASSPHRASE_ENV} or ${PASSPHRASE_FILE_ENV}, or run ccrx in a terminal to be asked`);
    }
    const first = await promptHidden(`Keystore passphrase for ${this.keystorePath}: `, this.io.stdin, this.io.err);
    if (purpose === 'open') return first;
    const again = await promptHidden('Repeat the passphrase: ', this.io.stdin, this.io.err);
    if (again !== first) throw new CcrUsageError('the two passphrases differ');
    return first;
  }

  async openKeystore(): Promise<AgencyKeystore> {
    const keystore = await AgencyKeystore.open(this.keystorePath, await this.passphrase('open'));
    if (keystore.readableByOthers) this.warn(`${this.keystorePath} is readable by other users: chmod 600 it`);
    return keystore;
  }

  /** Runs work with the keystore open and wipes it afterwards, whatever happens. */
  async withKeystore<T>(work: (keystore: AgencyKeystore) => Promise<T>): Promise<T> {
    const keystore = await this.openKeystore();
    try {
      return await work(keystore);
    } finally {
      await keystore.close();
    }
  }

  /**
   * --user signs in as a person with their own secret and a TOTP code (OPAQUE, as `ccrx person
   * sign-in`; decision 0141), unless CCRX_PASSWORD is set: then the old password grant, for people
   * not enrolled yet.
   */
  get personSignIn(): boolean {
    return this.options.user !== undefined && !this.io.env[PASSWORD_ENV];
  }

  /**
   * A person (--user) or the keystore's service-account key. A person signed in with their own
   * secret holds the agency's keys through their membership wraps (`keys`), never a keystore file;
   * the session ends, and the keys are wiped, when the command ends (end()).
   */
  async connect(keystore?: AgencyKeystore, options: { keys?: boolean } = {}): Promise<CcrClient> {
    const api = this.options.api;
    if (!api) throw new CcrUsageError('no API address: pass --api <url> or set CCRX_API');
    const pinPolicy = { strict: this.options.strictPins === true, onFirstUse: (entry: DirectoryEntry) => this.warnFirstUse(entry) };
    if (this.personSignIn) return this.connectPerson(api, options.keys === true, pinPolicy);
    const credentials = this.options.user ? Credentials.password(this.options.user, await this.password()) : keystore?.clientCredentials();
    if (!credentials) throw new CcrUsageError('no credentials: open a keystore with a client key, or pass --user');
    return CcrClient.connect({ baseUrl: api, credentials, keystore, pinPolicy });
  }

  private async connectPerson(api: string, keys: boolean, pinPolicy: { strict: boolean; onFirstUse: (entry: DirectoryEntry) => void }): Promise<CcrClient> {
    const username = this.options.user as string;
    this.#endings.push(() => closePrompter(this));
    const session = await PersonSession.signIn({
      baseUrl: api,
      origin: this.io.env.CCRX_ORIGIN,
      username,
      secret: await secret(this, `Secret for ${username}: `, SECRET_ENV),
      secondFactor: () => totpCode(this, 'Authenticator code: '),
    });
    this.#endings.push(() => session.signOut().catch(() => undefined));
    if (!keys) return CcrClient.connect({ session, pinPolicy });
    const keyring = await session.unlock();
    this.#endings.push(() => keyring.close());
    return CcrClient.connect({ session, keyring, pinPolicy });
  }

  /** Ends what the command opened (latest first), whatever happened. */
  async end(): Promise<void> {
    for (const ending of this.#endings.splice(0).reverse()) await ending();
  }

  /** A partner's keys were trusted without a fingerprint compared: say so where a person will see it. */
  private warnFirstUse(entry: DirectoryEntry): void {
    const fingerprint = entry.epochs.find((epoch) => epoch.epoch === entry.currentEpoch)?.fingerprint ?? '?';
    this.warn(
      `pinned the keys of agency ${entry.agencyId} on first use, fingerprint ${fingerprint}, without comparing it to one the agency gave you. ` +
        `Call them and compare; if it differs, stop and tell the CCR administrators. --strict-pins (or ccrx keys strict-pins on) refuses unpinned keys instead.`,
    );
  }

  print(output: CommandOutput): void {
    if (output.quiet) return;
    if (this.options.json) this.io.out(`${JSON.stringify(output.json, null, 2)}\n`);
    else if (output.text.length > 0) this.io.out(output.text.endsWith('\n') ? output.text : `${output.text}\n`);
  }

  warn(message: string): void {
    this.io.err(`warning: ${message}\n`);
  }

  private async password(): Promise<string> {
    const fromEnvironment = this.io.env[PASSWORD_ENV];
    if (fromEnvironment) return fromEnvironment;
    if (!this.io.stdin.isTTY) throw new CcrUsageError(`no password for --user: set ${PASSWORD_ENV} or run ccrx in a terminal`);
    return promptHidden(`Password for ${this.options.user}: `, this.io.stdin, this.io.err);
  }
}
