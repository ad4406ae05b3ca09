import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt, errors, importJWK, jwtVerify } from 'jose';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { type PrincipalEntity } from '../../principals/principal.entity';
import { PrincipalsService } from '../../principals/principals.service';
import { AssertionReplayRepository } from './assertion-replay.repository';
import { acceptedAssertionAudiences } from './endpoints';
import { OAuthError } from './oauth.errors';

/**
 * RFC 7523 client authentication (private_key_jwt): a JWT signed with the key registered for the
 * service account, iss = sub = client_id, aud = this service's issuer identifier or its token
 * endpoint URL (RFC 7523 §3), short-lived, with a jti that is accepted once. Only a wrong audience
 * is named in the answer (the accepted ones are public); every other failure stays generic.
 */
@Injectable()
export class ClientAssertionVerifier {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly principals: PrincipalsService,
    private readonly replays: AssertionReplayRepository,
  ) {}

  async verify(assertion: string, claimedClientId: string | undefined): Promise<PrincipalEntity> {
    const clientId = unverifiedIssuer(assertion);
    if (!clientId || (claimedClientId !== undefined && claimedClientId !== clientId)) throw OAuthError.invalidClient();
    const principal = await this.principals.findActiveByUsername(clientId);
    if (!principal || principal.kind !== 'service' || !principal.clientJwk) throw OAuthError.invalidClient();

    // RFC 9864's fully-specified "Ed25519" (what openid-client 6 signs with) or the older "EdDSA".
    const algorithms = principal.clientJwk.kty === 'OKP' ? ['EdDSA', 'Ed25519'] : ['ES256'];
    const maxAge = this.config.auth.clientAssertionMaxAgeSeconds;
    const audiences = acceptedAssertionAudiences(this.config);
    const payload = await jwtVerify(assertion, await importJWK({ ...principal.clientJwk }, algorithms[0]), {
      algorithms,
      issuer: clientId,
      subject: clientId,
      audience: audiences,
      maxTokenAge: maxAge,
      requiredClaims: ['jti', 'exp', 'iat'],
    }).then(
      (verified) => verified.payload,
      (error: unknown) => {
        // jose checks the signature before any claim: a signed assertion that only missed the audience.
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') throw OAuthError.wrongAssertionAudience(audiences);
        throw OAuthError.invalidClient();
      },
    );
    const expiresAt = new Date((payload.exp as number) * 1000);
    if (expiresAt.getTime() - Date.now() > maxAge * 1000) throw OAuthError.invalidClient();
    if (!(await this.replays.remember(principal.id, payload.jti as string, expiresAt))) throw OAuthError.invalidClient();
    return principal;
  }
}

function unverifiedIssuer(assertion: string): string | undefined {
  try {
    const issuer = decodeJwt(assertion).iss;
    return typeof issuer === 'string' ? issuer : undefined;
  } catch {
    return undefined;
  }
}
