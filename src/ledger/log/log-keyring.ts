import { join } from 'node:path';
import { type Provider } from '@nestjs/common';
import { CONFIG, parseLedgerSeed } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { KEY_FILES, readKeyFile } from '../../config/key-files';
import { createEd25519NoteSigner, type Ed25519NoteSigner } from '../checkpoint';

/**
 * The log keys this process holds: the configured key and, during a rotation, the key it hands
 * over to. Which of them signs a checkpoint is not this process's choice: the log's own key
 * history decides (LogKeysService). Keys kept in the data folder are re-read when a rotation
 * replaced them; keys from the environment change only with a restart.
 */
export class LogKeyring {
  private constructor(
    private readonly origin: string,
    private readonly folder: string | null,
    private held: { current: Ed25519NoteSigner; next: Ed25519NoteSigner | null },
  ) {}

  static async create(config: AppConfig): Promise<LogKeyring> {
    const { origin, signingSeed, nextSigningSeed, keyFolder } = config.ledger;
    return new LogKeyring(origin, keyFolder, await signers(origin, signingSeed, nextSigningSeed));
  }

  /** LEDGER_SIGNING_KEY (or the data folder's key). */
  get current(): Ed25519NoteSigner {
    return this.held.current;
  }

  /** LEDGER_NEXT_SIGNING_KEY (or the data folder's next key): the key a rotation hands over to. */
  get next(): Ed25519NoteSigner | null {
    return this.held.next;
  }

  /** The held signer of a verifier key, if this process holds it. */
  signerOf(vkey: string): Ed25519NoteSigner | undefined {
    return [this.held.current, this.held.next].find((signer) => signer?.verifierKey === vkey) ?? undefined;
  }

  /** True when the keys were re-read (they live in the data folder and may have changed). */
  async reload(): Promise<boolean> {
    if (this.folder === null) return false;
    const current = readSeed(join(this.folder, KEY_FILES.ledger));
    if (!current) return false;
    this.held = await signers(this.origin, current, readSeed(join(this.folder, KEY_FILES.ledgerNext)));
    return true;
  }
}

async function signers(origin: string, current: Uint8Array, next: Uint8Array | null): Promise<{ current: Ed25519NoteSigner; next: Ed25519NoteSigner | null }> {
  return { current: await createEd25519NoteSigner(origin, current), next: next ? await createEd25519NoteSigner(origin, next) : null };
}

function readSeed(path: string): Uint8Array | null {
  const text = readKeyFile(path);
  return text === undefined ? null : parseLedgerSeed(text.trim());
}

/** Built once at boot from LEDGER_ORIGIN and the configured keys; a bad origin stops the service. */
export const logKeyringProvider: Provider = {
  provide: LogKeyring,
  inject: [CONFIG],
  useFactory: (config: AppConfig): Promise<LogKeyring> => LogKeyring.create(config),
};
