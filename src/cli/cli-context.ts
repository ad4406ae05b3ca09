import { resolve } from 'node:path';
import { AgencyKeystore, CcrClient, CcrUsageError, Credentials, passphraseFromEnvironment, PASSPHRASE_ENV, PASSPHRASE_FILE_ENV } from '../sdk';
import type { CliIo } from './cli-io';
import { promptHidden } from './passphrase-prompt';

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

  /** A person (--user, password from CCRX_PASSWORD or a prompt), else the keystore's service-account key. */
  async connect(keystore?: AgencyKeystore): Promise<CcrClient> {
    const api = this.options.api;
    if (!api) throw new CcrUsageError('no API address: pass --api <url> or set CCRX_API');
    const credentials = this.options.user ? Credentials.password(this.options.user, await this.password()) : keystore?.clientCredentials();
    if (!credentials) throw new CcrUsageError('no credentials: open a keystore with a client key, or pass --user');
    return CcrClient.connect({ baseUrl: api, credentials, keystore });
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
