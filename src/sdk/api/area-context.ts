import type { Keyring } from '../keys/keyring';
import type { HttpCore } from '../http/http-core';
import type { RecordCrypto } from '../records/record-crypto';
import type { AgenciesApi } from './agencies-api';

/**
 * What an SDK area needs of the client: the shared HTTP core, this agency's id, and (only for
 * calls that seal, sign or open) the keystore and record crypto — resolved lazily, so a client
 * connected without a keystore can still list and read metadata.
 */
export interface AreaContext {
  readonly http: HttpCore;
  readonly agencyId: string;
  readonly agencies: AgenciesApi;
  keystore(): Keyring;
  records(): RecordCrypto;
}
