import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { type PrincipalEntity } from '../../principals/principal.entity';
import { PrincipalsService } from '../../principals/principals.service';
import { supportedGrantTypes } from './endpoints';
import { OAuthError } from './oauth.errors';

/**
 * Trust in an external OpenID Connect provider (RFC 7523 JWT bearer grant): its token, verified
 * against its JWKS, issuer and audience, is exchanged for one of ours. The configured claim names
 * a CCR person principal, which must exist and be active: the provider authenticates, the CCR
 * still decides who is a principal and with which roles.
 */
@Injectable()
export class ExternalIdentityVerifier {
  private keySet?: JWTVerifyGetKey;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly principals: PrincipalsService,
  ) {}

  get configured(): boolean {
    return this.config.auth.oidc !== undefined;
  }

  async verify(assertion: string): Promise<PrincipalEntity> {
    const oidc = this.config.auth.oidc;
    if (!oidc) throw OAuthError.unsupportedGrantType(supportedGrantTypes(this.config));
    this.keySet ??= createRemoteJWKSet(new URL(oidc.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    const payload = await jwtVerify(assertion, this.keySet, {
      issuer: oidc.issuer,
      audience: oidc.audience,
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      requiredClaims: ['exp'],
    }).then(
      (verified) => verified.payload,
      () => {
        throw OAuthError.invalidGrant();
      },
    );
    const name = payload[oidc.principalClaim];
    if (typeof name !== 'string') throw OAuthError.invalidGrant();
    const principal = await this.principals.findActiveByUsername(name);
    if (!principal || principal.kind !== 'person') throw OAuthError.invalidGrant();
    return principal;
  }
}
