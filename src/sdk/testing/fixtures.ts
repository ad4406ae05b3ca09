/** Temporary keystores for SDK unit tests (fast Argon2id preset). Test-only. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyKeystore } from '../keystore/file-keystore';

export const TEST_PASSPHRASE = 'a test passphrase, long enough';

export class TempFolder {
  private constructor(readonly path: string) {}

  static async create(): Promise<TempFolder> {
    return new TempFolder(await mkdtemp(join(tmpdir(), 'ccrx-sdk-')));
  }

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): Promise<void> {
    return rm(this.path, { recursive: true, force: true });
  }
}

export function newAgencyId(): string {
  return randomUUID();
}

export function createTestKeystore(folder: TempFolder, options: { agencyId?: string; clientId?: string; name?: string } = {}): Promise<AgencyKeystore> {
  return AgencyKeystore.create({
    path: folder.file(`${options.name ?? randomUUID()}.json`),
    agencyId: options.agencyId ?? newAgencyId(),
    clientId: options.clientId ?? 'test-system',
    passphrase: TEST_PASSPHRASE,
    strength: 'interactive',
  });
}
