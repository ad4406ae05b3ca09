import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../config/config';
import { type AppConfig, type TokenSigningKey } from '../config/config.types';

export const ACCESS_TOKEN_ALGORITHM = 'ES256';

export interface PublishedJwk extends JsonWebKey {
  kid: string;
  alg: typeof ACCESS_TOKEN_ALGORITHM;
  use: 'sig';
}

/**
 * The service's access-token keys: the first signs, all verify. Rotation = put the new key first
 * and keep the old one listed until the last token it signed has expired.
 */
@Injectable()
export class TokenKeyRing {
  private readonly publicKeys: Map<string, KeyObject>;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.signingKey = config.auth.signingKeys[0];
    this.publicKeys = new Map(config.auth.signingKeys.map((key) => [key.kid, createPublicKey(key.privateKey)]));
  }

  readonly signingKey: TokenSigningKey;

  /** The public key with this key id, if it is one of ours (a parsed KeyObject: no PEM parsing per request). */
  verificationKey(kid: string): KeyObject | undefined {
    return this.publicKeys.get(kid);
  }

  jwks(): { keys: PublishedJwk[] } {
    return {
      keys: [...this.publicKeys].map(([kid, key]) => ({ ...key.export({ format: 'jwk' }), kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' })),
    };
  }
}
