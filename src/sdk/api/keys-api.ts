import type { KeyRegistrationV1 } from '../../crypto';
import type { HttpCore } from '../http/http-core';
import { apiPath } from '../http/api-path';
import type { KeyListingSource } from '../directory/key-directory';

/** The server's answer to a registration (201). Informational: the client trusts only what it verifies. */
export interface RegisteredEpoch {
  agencyId: string;
  epoch: number;
  signPublicKey: string;
  boxPublicKey: string;
  createdAt: string;
  fingerprint: string;
  current: boolean;
}

/** What key management needs of the directory; KeysApi over HTTP, or an in-memory one in tests. */
export interface KeyRegistry extends KeyListingSource {
  register(registration: KeyRegistrationV1): Promise<{ key: RegisteredEpoch; created: boolean }>;
}

/** Raw calls to the key directory. Listings are returned unverified: KeyDirectory checks them. */
export class KeysApi implements KeyRegistry {
  constructor(private readonly http: HttpCore) {}

  async list(agencyId: string): Promise<unknown> {
    return (await this.http.request({ method: 'GET', path: apiPath`/agencies/${agencyId}/keys` })).body;
  }

  /** `created` is false when the directory already held this very registration (a retry: 200). */
  async register(registration: KeyRegistrationV1): Promise<{ key: RegisteredEpoch; created: boolean }> {
    const response = await this.http.request<RegisteredEpoch>({
      method: 'POST',
      path: apiPath`/agencies/${registration.agencyId}/keys`,
      json: registration,
      // Naturally idempotent: the signatures are deterministic, so a repeat is byte-identical and
      // the directory recognises it; a lost answer may therefore be retried.
      safeToRepeat: true,
    });
    return { key: response.body, created: response.status === 201 };
  }
}
