/** Several agencies, each with its own keystore, sharing one in-memory key directory. Test-only. */
import { KeyDirectory } from '../directory/key-directory';
import { KeyManager } from '../keys/key-manager';
import type { AgencyKeystore } from '../keystore/agency-keystore';
import { RecordCrypto } from '../records/record-crypto';
import { createTestKeystore, type TempFolder } from './fixtures';
import { InMemoryKeyRegistry } from './in-memory-key-registry';

export interface TestAgency {
  keystore: AgencyKeystore;
  directory: KeyDirectory;
  keys: KeyManager;
  records: RecordCrypto;
}

export async function agencyNetwork(folder: TempFolder, names: string[]): Promise<{ registry: InMemoryKeyRegistry; agencies: Record<string, TestAgency> }> {
  const registry = new InMemoryKeyRegistry();
  const agencies: Record<string, TestAgency> = {};
  for (const name of names) {
    const keystore = await createTestKeystore(folder, { name });
    const directory = new KeyDirectory(keystore, { source: registry });
    agencies[name] = { keystore, directory, keys: new KeyManager(keystore, registry, directory), records: new RecordCrypto(keystore, directory) };
    await agencies[name].keys.register();
  }
  return { registry, agencies };
}
