import { Injectable } from '@nestjs/common';
import { type PrincipalEntity } from '../../principals/principal.entity';
import { PrincipalsService } from '../../principals/principals.service';
import { type IssuedToken, TokenIssuer } from '../token-issuer';
import { ClientAssertionVerifier } from './client-assertion.verifier';
import { ExternalIdentityVerifier } from './external-identity.verifier';
import { OAuthError } from './oauth.errors';
import { type ClientAuthentication, type TokenRequest } from './token-request';
import { TokenThrottle } from './token-throttle';

@Injectable()
export class TokenService {
  constructor(
    private readonly principals: PrincipalsService,
    private readonly clientAssertions: ClientAssertionVerifier,
    private readonly externalIdentities: ExternalIdentityVerifier,
    private readonly throttle: TokenThrottle,
    private readonly issuer: TokenIssuer,
  ) {}

  /** Checks the back-off first, so a blocked client gets 429 whatever it sends. */
  async grant(request: TokenRequest, clientAddress: string): Promise<IssuedToken> {
    const clientName = nameOf(request);
    const keys = TokenThrottle.keys(clientName, clientAddress);
    await this.throttle.assertNotBlocked(keys);
    let principal: PrincipalEntity;
    try {
      principal = await this.authenticate(request);
    } catch (error) {
      if (error instanceof OAuthError && error.countsAsFailure) await this.throttle.recordFailure(keys);
      throw error;
    }
    await this.throttle.recordSuccess(clientName);
    return this.issuer.issue(principal);
  }

  private authenticate(request: TokenRequest): Promise<PrincipalEntity> {
    switch (request.grant) {
      case 'client_credentials':
        return this.authenticateClient(request.client);
      case 'password':
        return this.authenticateSecret(request.username, request.password, 'person', () => OAuthError.invalidGrant());
      case 'jwt_bearer':
        return this.externalIdentities.verify(request.assertion);
    }
  }

  private authenticateClient(client: ClientAuthentication): Promise<PrincipalEntity> {
    if (client.method === 'private_key_jwt') return this.clientAssertions.verify(client.assertion, client.clientId);
    return this.authenticateSecret(client.clientId, client.secret, 'service', () => OAuthError.invalidClient(client.viaBasic));
  }

  private async authenticateSecret(
    username: string,
    secret: string,
    kind: PrincipalEntity['kind'],
    failure: () => OAuthError,
  ): Promise<PrincipalEntity> {
    const principal = await this.principals.findActiveByUsername(username);
    const verified = this.principals.verifySecret(secret, principal);
    if (!principal || !verified || principal.kind !== kind) throw failure();
    // An enrolled person has no password (it was forgotten at enrolment); this holds even if one came back.
    if (kind === 'person' && (await this.principals.isEnrolledPerson(principal.id))) throw failure();
    return principal;
  }
}

/** The client or user name the request claims, for per-client back-off (never verified here). */
function nameOf(request: TokenRequest): string | undefined {
  if (request.grant === 'password') return request.username;
  if (request.grant === 'jwt_bearer') return undefined;
  return request.client.clientId;
}
