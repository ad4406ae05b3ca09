import { chmodSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CcrxIdentity } from './ccrx';

/**
 * The ccrx commands the demo ran, as a shell script an advocate can read and repeat against the
 * kept service (`npm run demo -- --keep DIR`). Secrets never appear in it: each keystore's
 * passphrase and each person's password are in files of their own beside it (mode 0600, throwaway
 * demo secrets), named by CCRX_PASSPHRASE_FILE or read with $(cat …).
 */
export class Transcript {
  private readonly lines: string[] = [];
  private readonly secrets = new Map<string, string>();

  /** `ccrx` is how the script runs ccrx (e.g. node <repository>/dist/src/cli/main.js); $CCRX overrides it. */
  constructor(
    private readonly folder: string,
    private readonly ccrx: string,
  ) {}

  /** One command line, with paths inside the folder made relative to it. */
  record(identity: CcrxIdentity, args: string[]): void {
    const env: string[] = [];
    if (identity.keystorePath && identity.passphrase) env.push(`CCRX_PASSPHRASE_FILE=${this.secretFile(`${this.local(identity.keystorePath)}.passphrase`, identity.passphrase)}`);
    if (identity.person) env.push(`CCRX_PASSWORD="$(cat ${this.secretFile(`${identity.person.username}.password`, identity.person.password)})"`);
    const globals = ['--api', '"$CCRX_API"', ...(identity.keystorePath ? ['--keystore', this.local(identity.keystorePath)] : []), ...(identity.person ? ['--user', identity.person.username] : [])];
    this.lines.push([...env, '$CCRX', ...globals, ...args.map((arg) => quote(this.local(arg)))].join(' '));
  }

  /** The script and the secret files, in the folder. */
  write(header: string[]): void {
    for (const [name, secret] of this.secrets) {
      writeFileSync(join(this.folder, name), `${secret}\n`, { mode: 0o600 });
      chmodSync(join(this.folder, name), 0o600);
    }
    const script = ['#!/bin/sh', ...header.map((line) => `# ${line}`), 'set -e', `cd "$(dirname "$0")"`, `CCRX="\${CCRX:-${this.ccrx}}"`, ...this.lines, ''].join('\n');
    writeFileSync(join(this.folder, 'transcript.sh'), script, { mode: 0o755 });
  }

  get commands(): readonly string[] {
    return this.lines;
  }

  private secretFile(name: string, secret: string): string {
    this.secrets.set(name, secret);
    return name;
  }

  private local(value: string): string {
    return value.startsWith(`${this.folder}/`) ? relative(this.folder, value) : value;
  }
}

/** Shell quoting for an argument that needs it. */
function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
