import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { decode, type JwtPayload } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { PrincipalsService } from '../principals/principals.service';
import { type AuthenticatedPrincipal } from './authenticated-principal';
import { ACCESS_TOKEN_ALGORITHM, TokenKeyRing } from './token-keys';

/**
 * Verifies access tokens: ES256 only (no `none`, no HMAC — so no algorithm confusion), a known key
 * id, our issuer and audience, exp and nbf. Then the principal and its agency must be active: read
 * from the database, or from what this process read less than half a second ago (decision 0147) —
 * so disabling a principal or suspending an agency takes effect at once in the process that did it,
 * and within half a second in every other.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(CONFIG) config: AppConfig,
    keys: TokenKeyRing,
    private readonly principals: PrincipalsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: 5, maxAge: `${config.auth.accessTokenTtlSeconds + 5}s` },
      secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: Error | null, key?: string) => void) => {
        const kid = decode(rawToken, { complete: true })?.header.kid;
        const key = typeof kid === 'string' ? keys.verificationKey(kid) : undefined;
        // passport-jwt hands the key to jsonwebtoken.verify(), which takes a KeyObject (its
        // typings say string | Buffer): a parsed key spares a PEM parse on every request.
        if (key) done(null, key as unknown as string);
        else done(new Error('unknown key id'));
      },
    });
  }

  async validate(payload: JwtPayload): Promise<AuthenticatedPrincipal | false> {
    const { sub, agency, jti } = payload as JwtPayload & { agency?: unknown };
    if (typeof sub !== 'string' || typeof agency !== 'string' || typeof jti !== 'string') return false;
    const principal = await this.principals.resolveActive(sub, agency);
    return principal ? { ...principal, tokenId: jti } : false;
  }
}
