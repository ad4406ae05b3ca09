import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { type Role } from '../principals/principal.vocabulary';
import { ACCESS_TOKEN_ALGORITHM, TokenKeyRing } from './token-keys';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** Claims beyond the registered ones: the caller's agency and roles at issuance. */
export interface AccessTokenClaims {
  agency: string;
  roles: Role[];
}

@Injectable()
export class TokenIssuer {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly keys: TokenKeyRing,
  ) {}

  issue(principal: { id: string; agencyId: string; roles: readonly Role[] }): IssuedToken {
    const { issuer, audience, accessTokenTtlSeconds } = this.config.auth;
    const claims: AccessTokenClaims = { agency: principal.agencyId, roles: [...principal.roles] };
    const accessToken = sign(claims, this.keys.signingKey.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: this.keys.signingKey.kid,
      issuer,
      audience,
      subject: principal.id,
      jwtid: randomUUID(),
      expiresIn: accessTokenTtlSeconds,
    });
    return { accessToken, expiresIn: accessTokenTtlSeconds };
  }
}
